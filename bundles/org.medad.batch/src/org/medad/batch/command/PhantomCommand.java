package org.medad.batch.command;

import java.nio.file.Path;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.batch.cli.ConsoleProgress;
import org.medad.io.format.ImageFormats;
import org.medad.phantom.PhantomDataset;
import org.medad.phantom.PhantomVolumes;

/** {@code medad phantom --out DIR}: a deterministic synthetic brain data set with lesion masks. */
public final class PhantomCommand implements Command {
	private final ImageFormats formats;

	public PhantomCommand(ImageFormats formats) {
		this.formats = formats;
	}

	@Override
	public String name() {
		return "phantom";
	}

	@Override
	public String summary() {
		return "generate a synthetic brain-slice data set with lesion masks (BMAD layout)";
	}

	@Override
	public String usage() {
		PhantomDataset d = PhantomDataset.defaults(0);
		return "medad phantom --out DIR [--seed N] [--size PX] [--train N] [--valid N] [--test N] [--max-lesions N]"
				+ " [--volumes [--depth N]]\n"
				+ "  --seed N         all images derive from it (default 0)\n"
				+ "  --size PX        slice side in pixels (default " + d.size() + ")\n"
				+ "  --train N        normal training slices (default " + d.train() + ")\n"
				+ "  --valid N        validation slices per class (default " + d.validPerClass() + ")\n"
				+ "  --test N         test slices per class (default " + d.testPerClass() + ")\n"
				+ "  --max-lesions N  lesions per anomalous slice, 1..N (default " + d.maxLesions() + ")\n"
				+ "  --volumes        3D NIfTI volumes instead of 2D slices (defaults: 40 training volumes, 5/10 per"
				+ " class in valid/test, 16 slices of 3 mm)\n"
				+ "  --depth N        slices per volume (default 16)";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--out", "--seed", "--size", "--train", "--valid", "--test", "--max-lesions", "--depth");
	}

	@Override
	public Set<String> flags() {
		return Set.of("--volumes");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		Path out = Path.of(args.require("--out"));
		if (args.flag("--volumes")) {
			PhantomVolumes d = PhantomVolumes.defaults(args.longValue("--seed", 0));
			PhantomVolumes v = new PhantomVolumes(args.intValue("--size", d.size(), 32), args.intValue("--depth",
					d.depth(), 2), args.intValue("--train", d.train(), 1), args.intValue("--valid", d.validPerClass(), 0),
					args.intValue("--test", d.testPerClass(), 1), args.intValue("--max-lesions", d.maxLesions(), 1),
					d.seed());
			v.write(out, formats, new ConsoleProgress(console.err()));
			console.out().println("wrote " + v.total() + " volumes to " + out.toAbsolutePath());
			return 0;
		}
		PhantomDataset spec = spec(args);
		spec.write(out, new ConsoleProgress(console.err()));
		console.out().println("wrote " + spec.total() + " slices to " + out.toAbsolutePath());
		return 0;
	}

	static PhantomDataset spec(Args args) throws Exception {
		PhantomDataset d = PhantomDataset.defaults(args.longValue("--seed", 0));
		return new PhantomDataset(args.intValue("--size", d.size(), 32), args.intValue("--train", d.train(), 1),
				args.intValue("--valid", d.validPerClass(), 0), args.intValue("--test", d.testPerClass(), 1),
				args.intValue("--max-lesions", d.maxLesions(), 1), d.seed());
	}
}

package org.medad.batch.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.core.error.BadInputException;
import org.medad.core.error.UsageException;
import org.medad.core.model.AtomicFiles;
import org.medad.core.output.OutputGuard;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;

/** {@code medad convert IN OUT}: read any supported image (or series) and write it in OUT's format. */
public final class ConvertCommand implements Command {
	private final ImageFormats formats;

	public ConvertCommand(ImageFormats formats) {
		this.formats = formats;
	}

	@Override
	public String name() {
		return "convert";
	}

	@Override
	public String summary() {
		return "convert an image to another format, keeping its geometry (e.g. to .nii.gz)";
	}

	@Override
	public String usage() {
		return """
				medad convert IN OUT [--series INDEX|UID] [--overwrite]
				  IN           any readable image, or a DICOM series folder (--series picks one of several)
				  OUT          its name picks the format: .nii.gz / .nii (NIfTI-1 float32), .nrrd, .mha (float32, LPS),
				               .tif (2D float32), .png (integer grey values); an existing file is kept unless
				  --overwrite  replace an existing file at OUT (never IN itself, never a folder)""";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--series");
	}

	@Override
	public Set<String> flags() {
		return Set.of("--overwrite");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		if (args.positional().size() != 2) {
			throw new UsageException("convert takes IN and OUT");
		}
		Path in = Path.of(args.positional().get(0));
		Path out = Path.of(args.positional().get(1));
		if (Files.isDirectory(out)) {
			throw new UsageException("OUT must be a file name, " + out + " is a folder");
		}
		OutputGuard.apartFrom(out, "OUT", List.of(in));
		AtomicFiles.recover(out);
		if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !args.flag("--overwrite")) {
			throw BadInputException.of(out, "OUT exists; add --overwrite to replace it, or choose another name");
		}
		if (Files.isSymbolicLink(out) || (Files.exists(out) && !Files.isRegularFile(out))) {
			throw BadInputException.of(out, "OUT is not a regular file; refusing to replace it");
		}
		Volume v = formats.formatOf(in).read(in, args.get("--series", null));
		formats.write(v, out);
		console.out().println("wrote " + out.toAbsolutePath());
		return 0;
	}
}

package org.medad.batch.command;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.batch.cli.ConsoleProgress;
import org.medad.batch.run.Evaluation;
import org.medad.batch.run.TrainingRun;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.TrainedModel;
import org.medad.core.model.ModelPackage;
import org.medad.io.format.ImageFormats;
import org.medad.phantom.PhantomDataset;

/** {@code medad demo}: phantom, train the baseline, evaluate, print the metrics. */
public final class DemoCommand implements Command {
	private final DetectorCatalog catalog;
	private final ImageFormats formats;

	public DemoCommand(DetectorCatalog catalog, ImageFormats formats) {
		this.catalog = catalog;
		this.formats = formats;
	}

	@Override
	public String name() {
		return "demo";
	}

	@Override
	public String summary() {
		return "end to end on generated data: phantom, train, evaluate";
	}

	@Override
	public String usage() {
		return """
				medad demo [--out DIR] [--detector ID] [--seed N] [--size PX] [--train N] [--test N] [--json]
				  --out DIR       where data, model and evaluation go (default medad-demo)
				  --detector ID   detector to train (default pixelstats)
				  other options as for medad phantom""";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--out", "--detector", "--seed", "--size", "--train", "--valid", "--test", "--max-lesions");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		Path out = Path.of(args.get("--out", "medad-demo"));
		var detector = catalog.require(args.get("--detector", "pixelstats"));
		var progress = new ConsoleProgress(console.err());
		long t0 = System.nanoTime();
		PhantomDataset spec = PhantomCommand.spec(args);
		Path data = out.resolve("data");
		spec.write(data, progress);
		ModelPackage pkg = new TrainingRun(formats, progress).run(detector, data, out.resolve("model"), Map.of(),
				spec.seed());
		Map<String, Object> metrics;
		try (TrainedModel model = detector.detector().load(pkg)) {
			metrics = new Evaluation(formats, progress).run(model, pkg, data, new Evaluation.Options("test", null, true),
					out.resolve("evaluation"));
		}
		if (args.flag("--json")) {
			console.json(metrics);
			return 0;
		}
		console.out().printf("MedAD demo: detector %s on a synthetic brain phantom (%d training slices, %d test)%n",
				detector.descriptor().id(), spec.train(), 2 * spec.testPerClass());
		EvaluateCommand.print(console, metrics, out.resolve("evaluation"));
		console.out().println("data in " + data.toAbsolutePath() + ", model in " + pkg.folder().toAbsolutePath()
				+ ", heat maps in " + out.resolve("evaluation/maps").toAbsolutePath());
		console.out().printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
		return 0;
	}
}

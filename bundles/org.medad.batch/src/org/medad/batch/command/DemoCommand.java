package org.medad.batch.command;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.medad.run.Workflows;
import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.batch.cli.ConsoleProgress;
import org.medad.run.Evaluation;
import org.medad.run.TrainingRun;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.PackageCheck;
import org.medad.core.detect.TrainedModel;
import org.medad.core.model.ModelPackage;
import org.medad.core.output.OutputGuard;
import org.medad.phantom.PhantomDataset;

/** {@code medad demo}: phantom, train the baseline, evaluate, print the metrics. */
public final class DemoCommand implements Command {
	private final DetectorCatalog catalog;
	private final Workflows workflows;

	public DemoCommand(DetectorCatalog catalog, Workflows workflows) {
		this.catalog = catalog;
		this.workflows = workflows;
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

	/** An earlier demo's folder: only its data, model and evaluation, at least one of them there. */
	static boolean isDemo(Path folder) {
		java.util.Set<String> parts = java.util.Set.of("data", "model", "model.checkpoint", "evaluation");
		try (var s = java.nio.file.Files.list(folder)) {
			var names = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
			return !names.isEmpty() && parts.containsAll(names);
		} catch (java.io.IOException e) {
			return false;
		}
	}

	/**
	 * Demo folders of versions before the phantom marker: their data (only train/valid/test inside a demo folder) are
	 * this program's phantom, so they get the marker and are replaced like any earlier phantom.
	 */
	private static void adoptLegacyData(Path out, Path data) throws java.io.IOException {
		Path marker = data.resolve("phantom.json");
		if (!isDemo(out) || !java.nio.file.Files.isDirectory(data.resolve("train/good"))
				|| java.nio.file.Files.exists(marker)) {
			return;
		}
		try (var s = java.nio.file.Files.list(data)) {
			if (s.map(p -> p.getFileName().toString()).allMatch(n -> java.util.Set.of("train", "valid", "test")
					.contains(n))) {
				java.nio.file.Files.writeString(marker, "{\"kind\": \"slices\", \"adopted\": \"demo data of an earlier version\"}\n");
			}
		}
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		Path out = Path.of(args.get("--out", "medad-demo"));
		var detector = catalog.require(args.get("--detector", "pixelstats"));
		var progress = new ConsoleProgress(console.err());
		long t0 = System.nanoTime();
		PhantomDataset spec = PhantomCommand.spec(args);
		OutputGuard.freshOrOwn(out, "--out", "demo folder", DemoCommand::isDemo);
		Path data = out.resolve("data");
		adoptLegacyData(out, data);
		spec.write(data, progress);
		// the demo's own model: replaced on every run
		ModelPackage pkg = workflows.training(progress).overwriting(true).run(detector, data,
				out.resolve("model"), Map.of(), spec.seed());
		Map<String, Object> metrics;
		try (TrainedModel model = PackageCheck.open(detector.detector(), pkg)) {
			metrics = workflows.evaluation(progress, Workflows.DEFAULT_BATCH).run(model, pkg, data, new Evaluation.Options("test", null, true),
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

package org.medad.batch.command;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.medad.run.Workflows;
import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.batch.cli.ConsoleProgress;
import org.medad.run.ModelLoader;
import org.medad.run.Evaluation;
import org.medad.core.detect.DetectorCatalog;

/** {@code medad evaluate}: score a labelled split and compute the metrics. */
public final class EvaluateCommand implements Command {
	private final DetectorCatalog catalog;
	private final Workflows workflows;

	private final org.medad.compute.ComputeService compute;

	public EvaluateCommand(DetectorCatalog catalog, Workflows workflows, org.medad.compute.ComputeService compute) {
		this.compute = compute;
		this.catalog = catalog;
		this.workflows = workflows;
	}

	@Override
	public String name() {
		return "evaluate";
	}

	@Override
	public String summary() {
		return "score a labelled split; write metrics.json, scores.csv, report.html";
	}

	@Override
	public String usage() {
		return """
				medad evaluate --model MODEL --data DIR --out DIR [--split test] [--metric-size N] [--maps] [--json]
				              [--device D] [--batch N]
				  --split NAME      split of the data set to score (default test)
				  --metric-size N   resample maps and masks to N x N for pixel metrics (default: the mask grid)
				  --maps            also write a heat map per case under OUT/maps
				  --json            print metrics.json to standard output
				  --batch N         slices of a volume per call to the detector (default 8)
				""" + DeviceOption.USAGE.replace("--device D      ", "--device D        ");
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--model", "--data", "--out", "--split", "--metric-size", "--device", "--batch");
	}

	@Override
	public Set<String> flags() {
		return Set.of("--json", "--maps");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		Integer metricSize = args.get("--metric-size", null) == null ? null : args.intValue("--metric-size", 0, 8);
		var options = new Evaluation.Options(args.get("--split", "test"), metricSize, args.flag("--maps"));
		int batch = args.intValue("--batch", 8, 1);
		Path out = Path.of(args.require("--out"));
		DeviceOption.apply(args, compute);
		var loaded = ModelLoader.load(catalog, Path.of(args.require("--model")));
		try (var model = loaded.model()) {
			Map<String, Object> m = workflows.evaluation(new ConsoleProgress(console.err()), batch).run(model,
					loaded.pkg(), Path.of(args.require("--data")), options, out);
			if (args.flag("--json")) {
				console.json(m);
			} else {
				print(console, m, out);
			}
		}
		return 0;
	}

	static void print(Console console, Map<String, Object> m, Path out) {
		console.out().printf("image AUROC  %s%npixel AUROC  %s%nF1-max       %s%ncases        %s normal, %s anomalous%n",
				fmt(m.get("image_auroc")), fmt(m.get("pixel_auroc")), fmt(m.get("f1_max")), m.get("n_normal"),
				m.get("n_anomalous"));
		console.out().println("outputs in " + out.toAbsolutePath() + " (metrics.json, scores.csv, report.html)");
	}

	private static String fmt(Object v) {
		return v instanceof Double d ? String.format("%.4f", d) : "n/a";
	}
}

package org.medad.batch.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.medad.core.error.UsageException;
import org.medad.report.ReportRun;

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
				medad evaluate --compare MODEL_A MODEL_B --data DIR --out DIR [options as above]
				  --compare         evaluate two (or more) models on the same data: each into OUT/1-NAME, OUT/2-NAME, ...,
				                    and OUT/report.html with them side by side
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
		return Set.of("--json", "--maps", "--compare");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		Integer metricSize = args.get("--metric-size", null) == null ? null : args.intValue("--metric-size", 0, 8);
		var options = new Evaluation.Options(args.get("--split", "test"), metricSize, args.flag("--maps"));
		int batch = args.intValue("--batch", 8, 1);
		Path out = Path.of(args.require("--out"));
		DeviceOption.apply(args, compute);
		Path data = Path.of(args.require("--data"));
		if (args.flag("--compare")) {
			return compare(args, console, options, batch, data, out);
		}
		if (!args.positional().isEmpty()) {
			throw new UsageException("unexpected argument " + args.positional().get(0) + " (two models side by side:"
					+ " --compare MODEL_A MODEL_B)");
		}
		var loaded = ModelLoader.load(catalog, Path.of(args.require("--model")));
		try (var model = loaded.model()) {
			Map<String, Object> m = workflows.evaluation(new ConsoleProgress(console.err()), batch).run(model,
					loaded.pkg(), data, options, out);
			if (args.flag("--json")) {
				console.json(m);
			} else {
				print(console, m, out);
			}
		}
		return 0;
	}

	private int compare(Args args, Console console, Evaluation.Options options, int batch, Path data, Path out)
			throws Exception {
		List<String> models = args.positional();
		if (models.size() < 2 || args.get("--model", null) != null) {
			throw new UsageException("--compare takes two or more model packages: --compare MODEL_A MODEL_B (and no"
					+ " --model)");
		}
		org.medad.core.output.OutputGuard.apartFrom(out, "--out", List.of(data));
		List<ReportRun> runs = new ArrayList<>();
		List<Map<String, Object>> all = new ArrayList<>();
		for (int i = 0; i < models.size(); i++) {
			var loaded = ModelLoader.load(catalog, Path.of(models.get(i)));
			String name = loaded.pkg().folder().getFileName().toString();
			try (var model = loaded.model()) {
				Evaluation.Outcome o = workflows.evaluation(new ConsoleProgress(console.err()), batch).evaluate(model,
						loaded.pkg(), data, options, out.resolve((i + 1) + "-" + name));
				runs.add(o.report());
				Map<String, Object> m = new LinkedHashMap<>(o.metrics());
				m.put("model", models.get(i));
				all.add(m);
			}
		}
		Evaluation.writeComparison(out, data, runs);
		if (args.flag("--json")) {
			console.json(Map.of("models", all));
		} else {
			for (int i = 0; i < all.size(); i++) {
				console.out().println("== " + models.get(i));
				print(console, all.get(i), out.resolve((i + 1) + "-" + runs.get(i).name()));
			}
			console.out().println("side by side: " + out.resolve("report.html").toAbsolutePath());
		}
		return 0;
	}

	/** The metrics a reader wants first, image then pixel level, and where the outputs are. */
	static void print(Console console, Map<String, Object> m, Path out) {
		console.out().printf("cases            %s normal, %s anomalous%n", m.get("n_normal"), m.get("n_anomalous"));
		console.out().printf("image  AUROC %s  AUPR %s  F1-max %s  (threshold %s)%n", fmt(m.get("image_auroc")),
				fmt(m.get("image_aupr")), fmt(m.get("f1_max")), fmt(m.get("threshold")));
		if (m.get("pixel_auroc") != null || m.get("aupro") != null) {
			console.out().printf("pixel  AUROC %s  AUPR %s  F1-max %s  AUPRO@0.3 %s%n", fmt(m.get("pixel_auroc")),
					fmt(m.get("pixel_aupr")), fmt(m.get("pixel_f1_max")), fmt(m.get("aupro")));
			console.out().printf("at the pixel threshold %s: Dice %s  IoU %s  per-region overlap %s%n",
					fmt(m.get("pixel_threshold")), fmt(m.get("dice")), fmt(m.get("iou")), fmt(m.get("region_overlap")));
		} else {
			console.out().println("pixel  n/a (the data set has no masks)");
		}
		console.out().println("report: " + out.resolve("report.html").toAbsolutePath() + " (metrics.json, scores.csv"
				+ " beside it)");
	}

	private static String fmt(Object v) {
		return v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4f", d) : "n/a";
	}
}

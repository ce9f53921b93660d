package org.medad.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.model.AtomicFiles;
import org.medad.core.output.OutputGuard;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.dataset.Datasets;
import org.medad.io.dataset.LabelledData;
import org.medad.io.dataset.Case;
import org.medad.io.format.ImageFormats;
import org.medad.metrics.Curve;
import org.medad.metrics.MetricSet;
import org.medad.metrics.PixelSamples;
import org.medad.report.CaseGallery;
import org.medad.report.HtmlReport;
import org.medad.report.ReportRun;

/**
 * Scores one split of a labelled data set and computes the metrics. A case that cannot be read is
 * listed in errors.csv and left out; the evaluation goes on. Outputs: metrics.json, scores.csv,
 * errors.csv, report.html and, when asked, a heat map per case under maps/.
 */
public final class Evaluation {
	/** @param metricSize when set, maps and masks are both resampled to this square size (as the papers do) */
	public record Options(String split, Integer metricSize, boolean saveMaps) {
	}

	private final ImageFormats formats;
	private final ProgressMonitor monitor;
	private final int batch;

	/** {@code batch}: slices of a volume per call to the detector. */
	public Evaluation(ImageFormats formats, ProgressMonitor monitor, int batch) {
		this.formats = formats;
		this.monitor = monitor;
		this.batch = batch;
	}

	public Evaluation(ImageFormats formats, ProgressMonitor monitor) {
		this(formats, monitor, CaseScorer.DEFAULT_BATCH);
	}

	/** Whether {@code folder} holds an earlier evaluation's output (its metrics or report). */
	public static boolean isOutput(Path folder) {
		return java.nio.file.Files.isRegularFile(folder.resolve("metrics.json"))
				|| java.nio.file.Files.isRegularFile(folder.resolve("report.html"));
	}

	/** An evaluation's results: metrics.json's fields and what its report shows. */
	public record Outcome(Map<String, Object> metrics, ReportRun report) {
	}

	/** Cases of each kind the report shows as thumbnails. */
	static final int GALLERY = 6;

	/** Evaluates and returns metrics.json's fields; see {@link #evaluate}. */
	public Map<String, Object> run(TrainedModel model, ModelPackage pkg, Path data, Options options, Path out)
			throws MedadException, IOException {
		return evaluate(model, pkg, data, options, out).metrics();
	}

	/** Scores the split, computes the metrics and writes metrics.json, scores.csv, errors.csv and report.html. */
	public Outcome evaluate(TrainedModel model, ModelPackage pkg, Path data, Options options, Path out)
			throws MedadException, IOException {
		long started = System.nanoTime();
		OutputGuard.apartFrom(out, "--out", List.of(data, pkg.folder()));
		OutputGuard.freshOrOwn(out, "--out", "evaluation folder", Evaluation::isOutput);
		LabelledData dataset = Datasets.open(data, formats);
		AtomicFiles.recoverTree(out);
		List<Case> cases = dataset.cases(options.split());
		// a few-shot model learnt from its shots of valid/: scoring them would flatter it
		java.util.Set<String> shots = shotIds(pkg);
		int excluded = 0;
		if (options.split().equals("valid") && !shots.isEmpty()) {
			int before = cases.size();
			cases = cases.stream().filter(c -> !shots.contains(c.id())).toList();
			excluded = before - cases.size();
		}
		Double threshold = pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().image();
		List<CaseScore> rows = new ArrayList<>();
		List<CaseError> errors = new ArrayList<>();
		// a manifest's rows that cannot be cases are reported, not dropped
		dataset.problems(options.split()).forEach(p -> errors.add(new CaseError(p.getKey(), p.getValue())));
		PixelSamples pixels = new PixelSamples();
		PixelTruth truth = new PixelTruth(formats, options.metricSize());
		CaseGallery gallery = new CaseGallery(GALLERY);
		// one colour scale for the split so heat maps compare; twice the decision threshold tops it
		Double pixelThreshold = pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().pixel();
		MapWriter mapWriter = threshold == null ? null : new MapWriter(0, 2 * threshold, pixelThreshold);
		double viewHigh = pixelThreshold != null && pixelThreshold > 0 ? 2 * pixelThreshold
				: threshold != null && threshold > 0 ? 2 * threshold : Double.NaN;
		String settings = Json.of(model.settings().values());
		String device = model.device();
		CaseScorer scorer = CaseScorer.forPackage(formats, pkg, batch);
		Map<String, Path> byId = new LinkedHashMap<>();
		cases.forEach(c -> byId.put(c.id(), c.image()));
		SetReplay replay = SetReplay.collected(model, byId, scorer, monitor, options.split());
		if (replay != null) {
			model = replay;
		}
		monitor.begin("Evaluating " + options.split() + " (" + cases.size() + " cases)", cases.size());
		for (Case c : cases) {
			monitor.checkCancelled();
			long t0 = System.nanoTime();
			try {
				if (replay != null) {
					replay.replay(c.id());
				}
				CaseScorer.Scored r = scorer.score(model, c.image());
				float[] mask = truth.add(pixels, r, c);
				if (gallery.wants(r.score(), c.anomalous())) {
					double high = Double.isNaN(viewHigh) ? r.score() : viewHigh;
					gallery.offer(c.id(), r.score(), c.anomalous(), CaseViews.note(r),
							() -> CaseViews.png(r, mask, 0, high));
				}
				double seconds = (System.nanoTime() - t0) / 1e9;
				rows.add(new CaseScore(c.id(), r.score(), c.anomalous(), threshold != null && r.score() >= threshold,
						seconds));
				if (options.saveMaps()) {
					MapWriter w = mapWriter != null ? mapWriter : new MapWriter(0, r.score(), pixelThreshold);
					scorer.writeMap(r, MapWriter.base(out.resolve("maps"), c.id()), w);
				}
			} catch (BadInputException e) {
				errors.add(new CaseError(c.id(), e.getMessage()));
				monitor.status("skipped " + c.id() + ": " + e.getMessage());
			}
			monitor.worked(1);
		}
		boolean masks = truth.sawMasks() && pixels.pixels() > 0;
		Curve pixelCurve = masks ? pixels.curve() : null;
		Curve imageCurve = Curve.of(scores(rows), labels(rows));
		Map<String, Object> metrics = metrics(rows, imageCurve, pixels, pixelCurve, threshold, pkg);
		if (excluded > 0) {
			metrics.put("excluded_shots", excluded);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("model", pkg.folder().toAbsolutePath().toString());
		meta.put("model_sha256", pkg.sha256());
		meta.put("detector", pkg.manifest().detector().id() + " " + pkg.manifest().detector().version());
		meta.put("settings", settings);
		meta.put("seed", pkg.manifest().training() == null ? null : pkg.manifest().training().seed());
		meta.put("thresholds", pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().method());
		meta.put("device", device);
		meta.put("data", data.toAbsolutePath().toString());
		meta.put("split", options.split() + (excluded > 0 ? " (" + excluded + " shots left out)" : ""));
		meta.put("pixel grid", options.metricSize() == null ? "each mask's own" : options.metricSize() + " x "
				+ options.metricSize());
		meta.put("software", "MedAD " + SoftwareVersion.get() + ", Java " + Runtime.version());
		meta.put("seconds", seconds);
		meta.put("seconds per case", rows.isEmpty() ? null : seconds / rows.size());
		meta.put("finished", java.time.Instant.now().toString());
		String name = pkg.folder().getFileName() == null ? "model" : pkg.folder().getFileName().toString();
		ReportRun report = new ReportRun(name, metrics, imageCurve, pixelCurve,
				rows.stream().filter(r -> !r.anomalous()).mapToDouble(CaseScore::score).toArray(),
				rows.stream().filter(CaseScore::anomalous).mapToDouble(CaseScore::score).toArray(), threshold, gallery,
				meta, errors.stream().map(e -> Map.entry(e.id(), e.reason())).toList());
		writeOutputs(out, rows, errors, metrics, report, data);
		return new Outcome(metrics, report);
	}

	/** Writes {@code out/report.html} with several models' evaluations of the same data side by side. */
	public static void writeComparison(Path out, Path data, List<ReportRun> runs) throws IOException {
		AtomicFiles.writeString(out.resolve("report.html"), HtmlReport.render("MedAD evaluation: "
				+ runs.stream().map(ReportRun::name).collect(java.util.stream.Collectors.joining(" vs ")),
				data.toAbsolutePath() + ", " + runs.size() + " models side by side", runs));
	}

	private static double[] scores(List<CaseScore> rows) {
		return rows.stream().mapToDouble(CaseScore::score).toArray();
	}

	private static boolean[] labels(List<CaseScore> rows) {
		boolean[] y = new boolean[rows.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = rows.get(i).anomalous();
		}
		return y;
	}

	/** The valid/ cases a few-shot model learnt from, as model.json records them. */
	private static java.util.Set<String> shotIds(ModelPackage pkg) {
		Map<String, Object> p = pkg.manifest().preprocessing();
		java.util.Set<String> ids = new java.util.HashSet<>();
		if (p != null && p.get("shots") instanceof Map<?, ?> shots) {
			for (String kind : List.of("normal", "anomalous")) {
				if (shots.get(kind) instanceof List<?> list) {
					list.forEach(id -> ids.add(String.valueOf(id)));
				}
			}
		}
		return ids;
	}

	private static Map<String, Object> metrics(List<CaseScore> rows, Curve imageCurve, PixelSamples pixels,
			Curve pixelCurve, Double threshold, ModelPackage pkg) {
		int nAnomalous = (int) rows.stream().filter(CaseScore::anomalous).count();
		ModelManifest.Thresholds t = pkg.manifest().thresholds();
		Double pixelThreshold = t == null ? null : t.pixel();
		Map<String, Object> m = new LinkedHashMap<>(MetricSet.of(imageCurve, pixelCurve, pixelThreshold));
		m.put("threshold", threshold);
		m.put("pixel_threshold", pixelThreshold);
		m.put("thresholds_calibrated", t == null ? null : t.method());
		m.put("pixel_metrics", pixelCurve == null ? null : pixelCurve.binned() ? "binned" : "exact");
		m.put("n_pixels", pixelCurve == null ? null : pixels.pixels());
		m.put("n_regions", pixelCurve == null ? null : pixels.regions());
		m.put("n_normal", rows.size() - nAnomalous);
		m.put("n_anomalous", nAnomalous);
		m.put("detector", pkg.manifest().detector().id());
		m.put("model_sha256", pkg.sha256());
		m.put("seed", pkg.manifest().training() == null ? null : pkg.manifest().training().seed());
		return m;
	}

	private static void writeOutputs(Path out, List<CaseScore> rows, List<CaseError> errors,
			Map<String, Object> metrics, ReportRun report, Path data) throws IOException {
		AtomicFiles.writeString(out.resolve("scores.csv"), Csv.scores(rows));
		AtomicFiles.writeString(out.resolve("errors.csv"), Csv.errors(errors));
		AtomicFiles.writeString(out.resolve("metrics.json"), Json.of(metrics) + "\n");
		AtomicFiles.writeString(out.resolve("report.html"), HtmlReport.render("MedAD evaluation: " + report.name(),
				data.toAbsolutePath() + ", split " + report.metadata().get("split") + ", " + rows.size() + " cases",
				List.of(report)));
	}
}

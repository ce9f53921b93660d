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
import org.medad.core.image.Images;
import org.medad.core.image.Resample;
import org.medad.core.image.Volume;
import org.medad.core.model.AtomicFiles;
import org.medad.core.output.OutputGuard;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.dataset.Datasets;
import org.medad.io.dataset.LabelledData;
import org.medad.io.dataset.Case;
import org.medad.io.format.ImageFormats;
import org.medad.metrics.Auroc;
import org.medad.metrics.F1Max;
import org.medad.metrics.PixelAuroc;

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

	public Map<String, Object> run(TrainedModel model, ModelPackage pkg, Path data, Options options, Path out)
			throws MedadException, IOException {
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
		PixelAuroc pixels = new PixelAuroc();
		// one colour scale for the split so heat maps compare; twice the decision threshold tops it
		MapWriter mapWriter = threshold == null ? null : new MapWriter(0, 2 * threshold);
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
				if (c.hasMask()) {
					Volume mask = formats.read(c.mask()).grey();
					addPixels(pixels, r, Images.toArray(mask.voxels()), mask.voxels().dimensionsAsLongArray(), c,
							options.metricSize());
				} else if (!c.anomalous()) {
					// a normal case's mask is empty: its pixels are negatives, as scikit-learn/anomalib count them
					long[] dims = r.image().voxels().dimensionsAsLongArray();
					addPixels(pixels, r, new float[r.map().length], dims, c, options.metricSize());
				}
				double seconds = (System.nanoTime() - t0) / 1e9;
				rows.add(new CaseScore(c.id(), r.score(), c.anomalous(), threshold != null && r.score() >= threshold,
						seconds));
				if (options.saveMaps()) {
					MapWriter w = mapWriter != null ? mapWriter : new MapWriter(0, r.score());
					scorer.writeMap(r, MapWriter.base(out.resolve("maps"), c.id()), w);
				}
			} catch (BadInputException e) {
				errors.add(new CaseError(c.id(), e.getMessage()));
				monitor.status("skipped " + c.id() + ": " + e.getMessage());
			}
			monitor.worked(1);
		}
		Map<String, Object> metrics = metrics(rows, pixels, threshold, pkg);
		if (excluded > 0) {
			metrics.put("excluded_shots", excluded);
		}
		writeOutputs(out, rows, errors, metrics);
		return metrics;
	}

	/** Map and mask on the mask's grid (or both resampled to the metric size, for 2D as the papers do). */
	private static void addPixels(PixelAuroc pixels, CaseScorer.Scored r, float[] m, long[] have, Case c,
			Integer metricSize) throws BadInputException {
		long[] want = r.image().voxels().dimensionsAsLongArray();
		boolean squeezed = have.length == 3 && have[2] == 1 && want.length == 2 && have[0] == want[0] && have[1] == want[1];
		if (!java.util.Arrays.equals(want, have) && !squeezed) {
			throw BadInputException.of(c.mask(), "mask is " + java.util.Arrays.toString(have) + " but its image "
					+ c.image().getFileName() + " is " + java.util.Arrays.toString(want));
		}
		if (metricSize == null || r.isVolume()) {
			pixels.add(r.map(), m);
		} else {
			int w = (int) want[0], h = (int) want[1];
			pixels.add(Resample.bilinear(r.map(), w, h, metricSize, metricSize),
					Resample.nearest(m, w, h, metricSize, metricSize));
		}
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

	private static Map<String, Object> metrics(List<CaseScore> rows, PixelAuroc pixels, Double threshold,
			ModelPackage pkg) {
		double[] s = rows.stream().mapToDouble(CaseScore::score).toArray();
		boolean[] y = new boolean[rows.size()];
		int nAnomalous = 0;
		for (int i = 0; i < y.length; i++) {
			y[i] = rows.get(i).anomalous();
			nAnomalous += y[i] ? 1 : 0;
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("image_auroc", finite(Auroc.of(s, y)));
		m.put("pixel_auroc", pixels.pixels() == 0 ? null : finite(pixels.value()));
		m.put("aupro", null); // comes with the full metric set
		m.put("f1_max", finite(F1Max.of(s, y).f1()));
		m.put("dice", null); // needs a calibrated pixel threshold
		m.put("threshold", threshold);
		m.put("pixel_threshold", pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().pixel());
		m.put("n_normal", rows.size() - nAnomalous);
		m.put("n_anomalous", nAnomalous);
		m.put("detector", pkg.manifest().detector().id());
		m.put("model_sha256", pkg.sha256());
		m.put("seed", pkg.manifest().training() == null ? null : pkg.manifest().training().seed());
		return m;
	}

	private static Double finite(double v) {
		return Double.isFinite(v) ? v : null;
	}

	private static void writeOutputs(Path out, List<CaseScore> rows, List<CaseError> errors,
			Map<String, Object> metrics) throws IOException {
		AtomicFiles.writeString(out.resolve("scores.csv"), Csv.scores(rows));
		AtomicFiles.writeString(out.resolve("errors.csv"), Csv.errors(errors));
		AtomicFiles.writeString(out.resolve("metrics.json"), Json.of(metrics) + "\n");
		AtomicFiles.writeString(out.resolve("report.html"), Report.html(metrics, rows, errors));
	}
}

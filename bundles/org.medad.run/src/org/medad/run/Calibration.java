package org.medad.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.model.ModelManifest;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.dataset.Case;
import org.medad.io.dataset.LabelledData;
import org.medad.io.dataset.SliceSpec;
import org.medad.io.format.ImageFormats;
import org.medad.metrics.Auroc;
import org.medad.metrics.Curve;
import org.medad.metrics.F1Max;
import org.medad.metrics.Percentile;
import org.medad.metrics.PixelSamples;

/**
 * Calibrates a model's image and pixel thresholds separately on the validation split: F1-max where
 * the split holds anomalies (with masks, for the pixel threshold), otherwise the given percentile of
 * the normal cases' scores (pixels). Never the degenerate minimum score that calls every case
 * anomalous, which is what a normal-only validation set gives a naive F1 sweep.
 */
final class Calibration {
	/** The percentile of normal validation scores used when the split has no anomalies. */
	static final double DEFAULT_PERCENTILE = 99;

	private final ImageFormats formats;
	private final ProgressMonitor monitor;
	private final double percentile;

	Calibration(ImageFormats formats, ProgressMonitor monitor, double percentile) {
		Percentile.check(percentile);
		this.formats = formats;
		this.monitor = monitor;
		this.percentile = percentile;
	}

	ModelManifest.Thresholds calibrate(TrainedModel model, LabelledData dataset, SliceSpec spec, InputPipeline input,
			Set<String> shots) throws MedadException {
		if (!dataset.hasSplit("valid")) {
			return new ModelManifest.Thresholds(null, null, "none: the data set has no valid split");
		}
		// the shots were learnt from: calibrating on them would flatter the threshold
		List<Case> cases = dataset.cases("valid").stream().filter(c -> !shots.contains(c.id())).toList();
		List<Double> scores = new ArrayList<>();
		List<Boolean> labels = new ArrayList<>();
		PixelSamples pixels = new PixelSamples();
		PixelTruth truth = new PixelTruth(formats, null);
		CaseScorer scorer = new CaseScorer(formats, spec, input, CaseScorer.DEFAULT_BATCH);
		Map<String, Path> byId = new java.util.LinkedHashMap<>();
		cases.forEach(c -> byId.put(c.id(), c.image()));
		SetReplay replay = SetReplay.collected(model, byId, scorer, monitor, "valid");
		TrainedModel scoring = replay != null ? replay : model;
		monitor.begin("Calibrating the thresholds on valid", cases.size());
		for (Case c : cases) {
			monitor.checkCancelled();
			try {
				if (replay != null) {
					replay.replay(c.id());
				}
				CaseScorer.Scored r = scorer.score(scoring, c.image());
				truth.add(pixels, r, c);
				scores.add(r.score());
				labels.add(c.anomalous());
			} catch (BadInputException e) {
				monitor.status("skipped in calibration: " + e.getMessage());
			}
			monitor.worked(1);
		}
		double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
		boolean[] y = new boolean[labels.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = labels.get(i);
		}
		Level image = image(s, y);
		Level pixel = pixel(pixels, truth.sawMasks());
		return new ModelManifest.Thresholds(image.threshold, pixel.threshold, image.method + "; " + pixel.method);
	}

	private record Level(Double threshold, String method) {
	}

	private Level image(double[] s, boolean[] y) {
		int anomalous = 0;
		for (boolean b : y) {
			anomalous += b ? 1 : 0;
		}
		int normal = y.length - anomalous;
		if (normal == 0) {
			return new Level(null, "image: none (no normal case on valid)");
		}
		if (anomalous == 0) {
			double[] normals = s.clone();
			return new Level(Percentile.of(normals, percentile), String.format(Locale.ROOT,
					"image: %s percentile of %d normal cases on valid (no anomalous case)", ordinal(), normal));
		}
		Curve c = Curve.of(s, y);
		F1Max best = F1Max.of(c);
		double auroc = Auroc.of(c);
		if (auroc < 0.5) {
			// a model that ranks the valid split upside down is worse than none: say so before anyone relies on it
			monitor.status(String.format(Locale.ROOT, "warning: on valid this model scores anomalous cases"
					+ " below normal ones (image AUROC %.3f < 0.5): it is not trained enough for these images (a longer"
					+ " run, more epochs) or the method does not suit them", auroc));
		}
		return new Level(best.threshold(), String.format(Locale.ROOT, "image: F1-max on valid (%d cases, F1 %.3f,"
				+ " AUROC %.3f)", y.length, best.f1(), auroc));
	}

	private Level pixel(PixelSamples pixels, boolean masks) {
		if (pixels.pixels() == 0) {
			return new Level(null, "pixel: none (no normal case or mask on valid)");
		}
		Curve c = pixels.curve();
		if (masks && c.positives() > 0 && c.negatives() > 0) {
			F1Max best = F1Max.of(c);
			return new Level(best.threshold(), String.format(Locale.ROOT, "pixel: F1-max on valid masks (%d pixels,"
					+ " F1 %.3f%s)", pixels.pixels(), best.f1(), c.binned() ? ", binned" : ""));
		}
		return new Level(pixels.normalPercentile(percentile), String.format(Locale.ROOT,
				"pixel: %s percentile of %d normal pixels on valid (no lesion mask)", ordinal(), c.negatives()));
	}

	private String ordinal() {
		return percentile == Math.rint(percentile) ? (long) percentile + "th" : percentile + "th";
	}
}

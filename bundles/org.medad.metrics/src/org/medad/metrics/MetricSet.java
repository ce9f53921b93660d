package org.medad.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default metric set of an evaluation, by the names {@code metrics.json} uses: image metrics from
 * one score per case; pixel metrics (when the set has masks) from every pixel of the maps; Dice, IoU
 * and the per-region overlap at the model's calibrated pixel threshold. A value is null where it is
 * undefined (one class only, no threshold), never a made-up number.
 */
public final class MetricSet {
	private MetricSet() {
	}

	/**
	 * @param pixels         null when the set has no masks
	 * @param pixelThreshold the calibrated pixel threshold, or null when the model has none
	 */
	public static Map<String, Double> of(Curve image, Curve pixels, Double pixelThreshold) {
		Map<String, Double> m = new LinkedHashMap<>();
		F1Max f1 = F1Max.of(image);
		m.put("image_auroc", finite(Auroc.of(image)));
		m.put("image_aupr", finite(AveragePrecision.of(image)));
		m.put("f1_max", finite(f1.f1()));
		m.put("f1_max_threshold", finite(f1.threshold()));
		F1Max pf1 = pixels == null ? null : F1Max.of(pixels);
		m.put("pixel_auroc", pixels == null ? null : finite(Auroc.of(pixels)));
		m.put("pixel_aupr", pixels == null ? null : finite(AveragePrecision.of(pixels)));
		m.put("pixel_f1_max", pf1 == null ? null : finite(pf1.f1()));
		m.put("pixel_f1_max_threshold", pf1 == null ? null : finite(pf1.threshold()));
		m.put("aupro", pixels == null ? null : finite(Aupro.of(pixels)));
		Overlap at = pixels == null || pixelThreshold == null ? null : Overlap.at(pixels, pixelThreshold);
		m.put("dice", at == null ? null : finite(at.dice()));
		m.put("iou", at == null ? null : finite(at.iou()));
		m.put("region_overlap", at == null ? null : finite(at.regionOverlap()));
		return m;
	}

	private static Double finite(double v) {
		return Double.isFinite(v) ? v : null;
	}
}

package org.medad.metrics;

/**
 * Dice, IoU and mean per-region overlap of the binary map {@code score >= threshold} against the
 * masks, pooled over every pixel of the set (one big image, as METHODS.md section 5 defines Dice).
 * NaN when neither the masks nor the prediction hold a pixel.
 */
public record Overlap(double dice, double iou, double regionOverlap, double threshold) {

	public static Overlap at(Curve c, double threshold) {
		int i = c.pointAt(threshold);
		long tp = i < 0 ? 0 : c.truePositives(i);
		long fp = i < 0 ? 0 : c.falsePositives(i);
		long truth = c.positives();
		double dice = tp + fp + truth == 0 ? Double.NaN : 2.0 * tp / (tp + fp + truth);
		double iou = fp + truth == 0 ? Double.NaN : (double) tp / (fp + truth);
		double pro = c.regions() == 0 ? Double.NaN : i < 0 ? 0 : c.regionOverlap(i);
		return new Overlap(dice, iou, pro, threshold);
	}
}

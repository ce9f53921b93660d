package org.medad.metrics;

/**
 * Area under the ROC curve by trapezoids over the distinct thresholds, starting at (0, 0). Over
 * grouped ties this equals the Mann-Whitney U statistic with tied pairs at 1/2, which is exactly what
 * scikit-learn's {@code roc_auc_score} computes. NaN when either class is absent, where scikit-learn
 * raises.
 */
public final class Auroc {
	private Auroc() {
	}

	/** Image-level AUROC of scores against labels (true = anomalous). */
	public static double of(double[] scores, boolean[] anomalous) {
		return of(Curve.of(scores, anomalous));
	}

	public static double of(Curve c) {
		if (c.positives() == 0 || c.negatives() == 0) {
			return Double.NaN;
		}
		double area = 0; // in units of tp x fp, so integer counts stay exact as long as possible
		long prevTp = 0;
		long prevFp = 0;
		for (int i = 0; i < c.size(); i++) {
			long tp = c.truePositives(i);
			long fp = c.falsePositives(i);
			area += (fp - prevFp) * ((double) tp + prevTp) / 2;
			prevTp = tp;
			prevFp = fp;
		}
		return area / ((double) c.positives() * c.negatives());
	}
}

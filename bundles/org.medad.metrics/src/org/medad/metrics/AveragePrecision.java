package org.medad.metrics;

/**
 * Area under the precision-recall curve as scikit-learn's {@code average_precision_score} defines it:
 * the sum over thresholds of (R_i - R_{i-1}) * P_i, a step function without interpolation (trapezoids
 * over PR points are optimistic). NaN without anomalous samples.
 */
public final class AveragePrecision {
	private AveragePrecision() {
	}

	public static double of(double[] scores, boolean[] anomalous) {
		return of(Curve.of(scores, anomalous));
	}

	public static double of(Curve c) {
		if (c.positives() == 0) {
			return Double.NaN;
		}
		double ap = 0;
		long prevTp = 0;
		for (int i = 0; i < c.size(); i++) {
			long tp = c.truePositives(i);
			if (tp != prevTp) {
				ap += (double) (tp - prevTp) / c.positives() * c.precision(i);
				prevTp = tp;
			}
		}
		return ap;
	}
}

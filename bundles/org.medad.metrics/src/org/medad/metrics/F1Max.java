package org.medad.metrics;

/**
 * The best F1 over all thresholds and the threshold reaching it (anomalous when score >= threshold),
 * used both as a metric and to calibrate a model's decision threshold on a validation split. On the
 * highest threshold of equal F1, as the first maximum of a descending sweep.
 */
public record F1Max(double f1, double threshold) {

	public static F1Max of(double[] scores, boolean[] anomalous) {
		return of(Curve.of(scores, anomalous));
	}

	public static F1Max of(Curve c) {
		if (c.positives() == 0) {
			return new F1Max(Double.NaN, Double.NaN);
		}
		double best = -1;
		double bestThreshold = Double.NaN;
		for (int i = 0; i < c.size(); i++) {
			long tp = c.truePositives(i);
			double f1 = 2.0 * tp / (2.0 * tp + c.falsePositives(i) + (c.positives() - tp));
			if (f1 > best) {
				best = f1;
				bestThreshold = c.threshold(i);
			}
		}
		return new F1Max(best, bestThreshold);
	}
}

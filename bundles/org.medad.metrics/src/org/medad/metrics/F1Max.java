package org.medad.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The best F1 over all thresholds and the threshold reaching it (anomalous when score >= threshold),
 * used both as a metric and to calibrate a model's decision threshold on a validation split.
 */
public record F1Max(double f1, double threshold) {

	public static F1Max of(double[] scores, boolean[] anomalous) {
		int n = scores.length;
		Integer[] order = new Integer[n];
		int totalPos = 0;
		for (int i = 0; i < n; i++) {
			order[i] = i;
			totalPos += anomalous[i] ? 1 : 0;
		}
		if (totalPos == 0) {
			return new F1Max(Double.NaN, Double.NaN);
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
		double best = -1;
		double bestThreshold = Double.NaN;
		int tp = 0;
		int fp = 0;
		for (int k = 0; k < n;) {
			double v = scores[order[k]];
			while (k < n && scores[order[k]] == v) { // all ties fall on the same side of a threshold
				if (anomalous[order[k]]) {
					tp++;
				} else {
					fp++;
				}
				k++;
			}
			double f1 = 2.0 * tp / (2.0 * tp + fp + (totalPos - tp));
			if (f1 > best) {
				best = f1;
				bestThreshold = v;
			}
		}
		return new F1Max(best, bestThreshold);
	}
}

package org.medad.metrics;

import java.util.Arrays;

/**
 * Area under the ROC curve with ties counted as one half, which is exactly what scikit-learn's
 * {@code roc_auc_score} computes (its trapezoids over distinct thresholds equal the Mann-Whitney U
 * statistic with tied pairs at 1/2). NaN when either class is absent, where scikit-learn raises.
 */
public final class Auroc {
	private Auroc() {
	}

	/** Image-level AUROC of scores against labels (true = anomalous). */
	public static double of(double[] scores, boolean[] anomalous) {
		if (scores.length != anomalous.length) {
			throw new IllegalArgumentException(scores.length + " scores for " + anomalous.length + " labels");
		}
		int nPos = 0;
		for (boolean a : anomalous) {
			nPos += a ? 1 : 0;
		}
		double[] pos = new double[nPos];
		double[] neg = new double[scores.length - nPos];
		for (int i = 0, p = 0, n = 0; i < scores.length; i++) {
			if (Double.isNaN(scores[i])) {
				throw new IllegalArgumentException("score " + i + " is NaN");
			}
			if (anomalous[i]) {
				pos[p++] = scores[i];
			} else {
				neg[n++] = scores[i];
			}
		}
		return ofSorted(sorted(pos), sorted(neg));
	}

	/** AUROC of two already sorted (ascending) samples: P(pos > neg) + P(pos == neg) / 2. */
	public static double ofSorted(double[] pos, double[] neg) {
		if (pos.length == 0 || neg.length == 0) {
			return Double.NaN;
		}
		double wins = 0;
		int below = 0; // negatives strictly below the current positive value
		int upTo = 0; // negatives <= the current positive value
		for (int i = 0; i < pos.length;) {
			double v = pos[i];
			int j = i;
			while (j < pos.length && pos[j] == v) {
				j++;
			}
			while (below < neg.length && neg[below] < v) {
				below++;
			}
			upTo = Math.max(upTo, below);
			while (upTo < neg.length && neg[upTo] == v) {
				upTo++;
			}
			wins += (j - i) * (below + 0.5 * (upTo - below));
			i = j;
		}
		return wins / ((double) pos.length * neg.length);
	}

	private static double[] sorted(double[] a) {
		Arrays.sort(a);
		return a;
	}
}

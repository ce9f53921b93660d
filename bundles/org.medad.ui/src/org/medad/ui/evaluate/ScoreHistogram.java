package org.medad.ui.evaluate;

/**
 * Image scores per class in equal bins over the range of both, for the Evaluate screen's histogram: how far the
 * normal and anomalous cases lie apart and where the threshold cuts them.
 */
public record ScoreHistogram(double low, double width, int[] normal, int[] anomalous) {

	public static ScoreHistogram of(double[] normal, double[] anomalous, int bins) {
		double lo = Double.POSITIVE_INFINITY;
		double hi = Double.NEGATIVE_INFINITY;
		for (double[] scores : new double[][] { normal, anomalous }) {
			for (double s : scores) {
				lo = Math.min(lo, s);
				hi = Math.max(hi, s);
			}
		}
		if (lo > hi) { // no scores at all
			return new ScoreHistogram(0, 1, new int[bins], new int[bins]);
		}
		double width = hi > lo ? (hi - lo) / bins : 1;
		return new ScoreHistogram(lo, width, count(normal, lo, width, bins), count(anomalous, lo, width, bins));
	}

	private static int[] count(double[] scores, double lo, double width, int bins) {
		int[] c = new int[bins];
		for (double s : scores) {
			c[Math.min(bins - 1, (int) ((s - lo) / width))]++; // the maximum falls in the last bin
		}
		return c;
	}

	/** The centre of bin {@code i}. */
	public double centre(int i) {
		return low + (i + 0.5) * width;
	}

	public int bins() {
		return normal.length;
	}
}

package org.medad.metrics;

/**
 * A histogram of pixel scores over the float line itself: the bin is the top 20 bits of the score's
 * order-preserving bit pattern, so no score range has to be known in advance and every bin is about
 * 2^-11 of its value wide (a tie between two scores in one bin counts as a tie). Counts per class and
 * the region-overlap mass of the anomalous pixels, 24 MB in all.
 */
final class ScoreBins {
	private static final int SHIFT = 12;
	private static final int BINS = 1 << (32 - SHIFT);

	private final long[] pos = new long[BINS];
	private final long[] neg = new long[BINS];
	private final double[] pro = new double[BINS];
	private long count;

	/** The float's bits as a signed int that orders like the float (negative floats' magnitudes flipped). */
	static int sortable(float v) {
		int b = Float.floatToIntBits(v == 0 ? 0f : v); // -0 and 0 are one score
		return b ^ ((b >> 31) & 0x7fffffff);
	}

	static float fromSortable(int s) {
		return Float.intBitsToFloat(s ^ ((s >> 31) & 0x7fffffff));
	}

	private static int bin(float v) {
		return (sortable(v) ^ 0x80000000) >>> SHIFT;
	}

	/** The smallest score falling in bin {@code k}. */
	private static float lowerEdge(int k) {
		float v = fromSortable((k << SHIFT) ^ 0x80000000);
		return Float.isNaN(v) ? Float.NEGATIVE_INFINITY : v; // the bins at and below -Inf start at NaN bit patterns
	}

	void add(float v, boolean anomalous, double regionWeight) {
		int k = bin(v);
		if (anomalous) {
			pos[k]++;
			pro[k] += regionWeight;
		} else {
			neg[k]++;
		}
		count++;
	}

	long count() {
		return count;
	}

	Curve curve(int regions) {
		Curve.Builder b = new Curve.Builder(4096, true);
		for (int k = BINS - 1; k >= 0; k--) {
			if (pos[k] != 0 || neg[k] != 0) {
				b.point(lowerEdge(k), pos[k], neg[k], pro[k]);
			}
		}
		return b.build(regions);
	}

	/** The lower edge of the bin holding the q-th percentile of one class. */
	double percentile(double q, boolean anomalous) {
		Percentile.check(q);
		long[] counts = anomalous ? pos : neg;
		long total = 0;
		for (long c : counts) {
			total += c;
		}
		if (total == 0) {
			return Double.NaN;
		}
		long rank = (long) Math.floor((total - 1) * q / 100); // 0-based order statistic below the percentile
		long seen = 0;
		for (int k = 0; k < BINS; k++) {
			seen += counts[k];
			if (seen > rank) {
				return lowerEdge(k);
			}
		}
		throw new AssertionError();
	}
}

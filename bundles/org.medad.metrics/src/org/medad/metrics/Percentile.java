package org.medad.metrics;

import java.util.Arrays;

/** The q-th percentile with linear interpolation between order statistics (numpy's default method). */
public final class Percentile {
	private Percentile() {
	}

	public static double of(double[] values, double q) {
		double[] s = values.clone();
		Arrays.sort(s);
		return ofSorted(s, q);
	}

	/** @param sorted ascending values, not copied */
	public static double ofSorted(double[] sorted, double q) {
		check(q);
		if (sorted.length == 0) {
			return Double.NaN;
		}
		double pos = (sorted.length - 1) * q / 100;
		int lo = (int) Math.floor(pos);
		int hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
	}

	/** Throws IllegalArgumentException unless q lies in [0, 100]. */
	public static void check(double q) {
		if (!(q >= 0 && q <= 100)) {
			throw new IllegalArgumentException("percentile " + q + " outside [0, 100]");
		}
	}
}

package org.medad.metrics;

/**
 * Area under the per-region-overlap curve up to a false-positive rate (0.3 by convention), normalised
 * by that limit, with anomalib's algorithm (METHODS.md section 5): PRO is the mean over connected
 * ground-truth regions of the share of each region above the threshold, FPR is over all background
 * pixels; the curve starts at (0, 0), is cut at the limit with a linearly interpolated last point, and
 * integrated by trapezoids. 0 when the pixels hold no region or no background, as anomalib returns.
 */
public final class Aupro {
	public static final double DEFAULT_FPR_LIMIT = 0.3;

	private Aupro() {
	}

	public static double of(Curve c) {
		return of(c, DEFAULT_FPR_LIMIT);
	}

	public static double of(Curve c, double fprLimit) {
		if (!(fprLimit > 0 && fprLimit <= 1)) {
			throw new IllegalArgumentException("FPR limit " + fprLimit + " outside (0, 1]");
		}
		if (c.regions() == 0 || c.negatives() == 0) {
			return 0;
		}
		double area = 0;
		double f0 = 0;
		double p0 = 0;
		for (int i = 0; i < c.size(); i++) {
			double f = Math.min(1.0, c.fpr(i));
			double p = c.regionOverlap(i);
			if (f > fprLimit) {
				double cut = p0 + (p - p0) * (fprLimit - f0) / (f - f0);
				area += (fprLimit - f0) * (p0 + cut) / 2;
				return area / fprLimit;
			}
			area += (f - f0) * (p0 + p) / 2;
			f0 = f;
			p0 = p;
		}
		return area / fprLimit; // the last point reached the limit exactly (or FPR 1 <= limit)
	}
}

package org.medad.metrics;

import java.util.Arrays;

/**
 * The operating points of scores against binary truth, one per distinct threshold, thresholds
 * descending: at point i everything scoring {@code >= threshold(i)} is called anomalous. Every
 * threshold metric (ROC, PR, F1, PRO, Dice) reads this one curve, so ties are handled once, the way
 * scikit-learn and anomalib group them: all samples of one value fall on the same side.
 * <p>
 * Pixel curves also carry the region-overlap mass: each anomalous pixel weighs 1/|its region|, so the
 * cumulative mass over the region count is the mean per-region overlap (anomalib's PRO).
 */
public final class Curve {
	private final double[] thresholds;
	private final long[] tp;
	private final long[] fp;
	private final double[] pro;
	private final long positives;
	private final long negatives;
	private final int regions;
	private final boolean binned;

	Curve(double[] thresholds, long[] tp, long[] fp, double[] pro, int regions, boolean binned) {
		this.thresholds = thresholds;
		this.tp = tp;
		this.fp = fp;
		this.pro = pro;
		this.regions = regions;
		this.binned = binned;
		int n = thresholds.length;
		this.positives = n == 0 ? 0 : tp[n - 1];
		this.negatives = n == 0 ? 0 : fp[n - 1];
	}

	/** Image-level curve of one score per case (true = anomalous). */
	public static Curve of(double[] scores, boolean[] anomalous) {
		if (scores.length != anomalous.length) {
			throw new IllegalArgumentException(scores.length + " scores for " + anomalous.length + " labels");
		}
		int n = scores.length;
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) {
			if (Double.isNaN(scores[i])) {
				throw new IllegalArgumentException("score " + i + " is NaN");
			}
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
		Builder b = new Builder(n, false);
		for (int k = 0; k < n;) {
			double v = scores[order[k]];
			long pos = 0;
			long neg = 0;
			for (; k < n && scores[order[k]] == v; k++) {
				if (anomalous[order[k]]) {
					pos++;
				} else {
					neg++;
				}
			}
			b.point(v, pos, neg, 0);
		}
		return b.build(0);
	}

	/** Accumulates points in descending threshold order. */
	static final class Builder {
		private double[] thresholds;
		private long[] tp;
		private long[] fp;
		private double[] pro;
		private final boolean binned;
		private int n;
		private long cumTp;
		private long cumFp;
		private double cumPro;

		Builder(int capacity, boolean binned) {
			int c = Math.max(1, capacity);
			thresholds = new double[c];
			tp = new long[c];
			fp = new long[c];
			pro = new double[c];
			this.binned = binned;
		}

		void point(double threshold, long positives, long negatives, double overlap) {
			if (n == thresholds.length) {
				int c = n * 2;
				thresholds = Arrays.copyOf(thresholds, c);
				tp = Arrays.copyOf(tp, c);
				fp = Arrays.copyOf(fp, c);
				pro = Arrays.copyOf(pro, c);
			}
			cumTp += positives;
			cumFp += negatives;
			cumPro += overlap;
			thresholds[n] = threshold;
			tp[n] = cumTp;
			fp[n] = cumFp;
			pro[n] = cumPro;
			n++;
		}

		Curve build(int regions) {
			return new Curve(Arrays.copyOf(thresholds, n), Arrays.copyOf(tp, n), Arrays.copyOf(fp, n),
					Arrays.copyOf(pro, n), regions, binned);
		}
	}

	/** Number of operating points (distinct thresholds, or occupied bins). */
	public int size() {
		return thresholds.length;
	}

	public double threshold(int i) {
		return thresholds[i];
	}

	/** Anomalous samples scoring at least {@code threshold(i)}. */
	public long truePositives(int i) {
		return tp[i];
	}

	/** Normal samples scoring at least {@code threshold(i)}. */
	public long falsePositives(int i) {
		return fp[i];
	}

	public double tpr(int i) {
		return positives == 0 ? Double.NaN : (double) tp[i] / positives;
	}

	public double fpr(int i) {
		return negatives == 0 ? Double.NaN : (double) fp[i] / negatives;
	}

	/** tp / (tp + fp) at point i. */
	public double precision(int i) {
		return (double) tp[i] / (tp[i] + fp[i]);
	}

	/** Mean per-region overlap at point i (clamped to 1 as anomalib does); NaN without regions. */
	public double regionOverlap(int i) {
		return regions == 0 ? Double.NaN : Math.min(1.0, pro[i] / regions);
	}

	public long positives() {
		return positives;
	}

	public long negatives() {
		return negatives;
	}

	/** Connected anomalous regions behind the pixels (0 for image-level curves). */
	public int regions() {
		return regions;
	}

	/** Whether thresholds are histogram bin edges (bounded-memory accumulation) rather than every distinct value. */
	public boolean binned() {
		return binned;
	}

	/**
	 * The last point whose threshold is at least {@code threshold}: the operating point of "score >=
	 * threshold"; -1 when nothing scores that high.
	 */
	public int pointAt(double threshold) {
		int lo = 0;
		int hi = thresholds.length - 1;
		int found = -1;
		while (lo <= hi) {
			int mid = (lo + hi) >>> 1;
			if (thresholds[mid] >= threshold) {
				found = mid;
				lo = mid + 1;
			} else {
				hi = mid - 1;
			}
		}
		return found;
	}
}

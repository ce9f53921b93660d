package org.medad.metrics;

import java.util.Arrays;

/**
 * Every pixel of every map of a set, labelled by its mask (non-zero = anomalous) and, when anomalous,
 * by its connected region, accumulated image by image for the pixel metrics. Exact (each value kept,
 * 4 bytes per normal and 8 per anomalous pixel) up to a budget, then folded into {@link ScoreBins}
 * (about 24 MB whatever the set's size; thresholds on a 2^-11 relative grid), so thousands of
 * volumes evaluate in bounded memory. {@link #curve()} says which it is.
 */
public final class PixelSamples {
	/** Pixels kept exactly before folding into bins: about 130 MB of normal-pixel values. */
	public static final long DEFAULT_EXACT_LIMIT = 1L << 25;

	private final long exactLimit;
	private float[] neg = new float[1 << 12];
	private long[] pos = new long[1 << 10]; // sortable score << 32 | region id
	private int nNeg;
	private int nPos;
	private double[] regionWeight = new double[64]; // 1 / region size, by region id
	private int regions;
	private ScoreBins bins;
	private boolean sorted = true;

	public PixelSamples() {
		this(DEFAULT_EXACT_LIMIT);
	}

	public PixelSamples(long exactLimit) {
		this.exactLimit = exactLimit;
	}

	/** Adds one map and its mask on the same grid; {@code dims} are its 2 or 3 extents, x fastest. */
	public void add(float[] map, float[] mask, int... dims) {
		long n = 1;
		for (int d : dims) {
			n *= d;
		}
		if (map.length != mask.length || map.length != n) {
			throw new IllegalArgumentException("map of " + map.length + " pixels against mask of " + mask.length
					+ " on a grid of " + Arrays.toString(dims));
		}
		for (float v : map) {
			if (Float.isNaN(v)) {
				throw new IllegalArgumentException("map holds NaN");
			}
		}
		if (bins == null && pixels() + map.length > exactLimit) {
			bins = fold();
		}
		Regions.visit(mask, dims, (pixels, size) -> addRegion(map, pixels, size));
		if (bins != null) {
			for (int i = 0; i < map.length; i++) {
				if (mask[i] == 0) {
					bins.add(map[i], false, 0);
				}
			}
			return;
		}
		int start = nNeg;
		for (int i = 0; i < map.length; i++) {
			if (mask[i] == 0) {
				if (nNeg == neg.length) {
					neg = Arrays.copyOf(neg, grow(neg.length));
				}
				neg[nNeg++] = map[i];
			}
		}
		sorted &= nNeg == start;
	}

	private void addRegion(float[] map, int[] pixels, int size) {
		int id = regions++;
		double w = 1.0 / size;
		if (bins != null) {
			for (int k = 0; k < size; k++) {
				bins.add(map[pixels[k]], true, w);
			}
			return;
		}
		if (id == regionWeight.length) {
			regionWeight = Arrays.copyOf(regionWeight, grow(id));
		}
		regionWeight[id] = w;
		for (int k = 0; k < size; k++) {
			if (nPos == pos.length) {
				pos = Arrays.copyOf(pos, grow(pos.length));
			}
			pos[nPos++] = ((long) ScoreBins.sortable(map[pixels[k]]) << 32) | id;
		}
		sorted = false;
	}

	private ScoreBins fold() {
		ScoreBins b = new ScoreBins();
		for (int i = 0; i < nNeg; i++) {
			b.add(neg[i], false, 0);
		}
		for (int i = 0; i < nPos; i++) {
			b.add(score(pos[i]), true, regionWeight[(int) pos[i]]);
		}
		neg = null;
		pos = null;
		regionWeight = null;
		return b;
	}

	public long pixels() {
		return bins != null ? bins.count() : (long) nNeg + nPos;
	}

	public int regions() {
		return regions;
	}

	/** The operating points over every pixel added so far. */
	public Curve curve() {
		if (bins != null) {
			return bins.curve(regions);
		}
		sort();
		Curve.Builder b = new Curve.Builder(1024, false);
		int i = nPos - 1;
		int j = nNeg - 1;
		while (i >= 0 || j >= 0) {
			float v = Math.max(i >= 0 ? score(pos[i]) : Float.NEGATIVE_INFINITY,
					j >= 0 ? neg[j] : Float.NEGATIVE_INFINITY);
			long p = 0;
			double overlap = 0;
			for (; i >= 0 && score(pos[i]) == v; i--) {
				p++;
				overlap += regionWeight[(int) pos[i]];
			}
			long q = 0;
			for (; j >= 0 && neg[j] == v; j--) {
				q++;
			}
			b.point(v, p, q, overlap);
		}
		return b.build(regions);
	}

	/** The q-th percentile of the normal pixels' values (exact, or the lower edge of its bin once binned). */
	public double normalPercentile(double q) {
		if (bins != null) {
			return bins.percentile(q, false);
		}
		sort();
		Percentile.check(q);
		if (nNeg == 0) {
			return Double.NaN;
		}
		double at = (nNeg - 1) * q / 100;
		int lo = (int) Math.floor(at);
		int hi = Math.min(lo + 1, nNeg - 1);
		return neg[lo] + (neg[hi] - (double) neg[lo]) * (at - lo);
	}

	private void sort() {
		if (!sorted) {
			Arrays.sort(neg, 0, nNeg);
			Arrays.sort(pos, 0, nPos);
			sorted = true;
		}
	}

	private static float score(long packed) {
		return ScoreBins.fromSortable((int) (packed >> 32));
	}

	private static int grow(int n) {
		if (n >= Integer.MAX_VALUE - 8) {
			throw new IllegalStateException("more than 2^31 pixels in one class");
		}
		return (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(16, n * 2L));
	}
}

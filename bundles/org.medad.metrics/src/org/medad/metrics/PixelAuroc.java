package org.medad.metrics;

import java.util.Arrays;

/**
 * Pixel-level AUROC accumulated image by image: every pixel of every map is one sample, labelled by
 * its mask (non-zero = anomalous). Scores are held as floats, 4 bytes per pixel, then sorted once.
 */
public final class PixelAuroc {
	private float[] pos = new float[1 << 16];
	private float[] neg = new float[1 << 16];
	private int nPos;
	private int nNeg;

	/** Adds one map and its mask, both on the same grid. */
	public void add(float[] map, float[] mask) {
		if (map.length != mask.length) {
			throw new IllegalArgumentException("map of " + map.length + " pixels against mask of " + mask.length);
		}
		for (int i = 0; i < map.length; i++) {
			if (mask[i] != 0) {
				if (nPos == pos.length) {
					pos = Arrays.copyOf(pos, grow(pos.length));
				}
				pos[nPos++] = map[i];
			} else {
				if (nNeg == neg.length) {
					neg = Arrays.copyOf(neg, grow(neg.length));
				}
				neg[nNeg++] = map[i];
			}
		}
	}

	public long pixels() {
		return (long) nPos + nNeg;
	}

	public double value() {
		float[] p = Arrays.copyOf(pos, nPos);
		float[] n = Arrays.copyOf(neg, nNeg);
		Arrays.sort(p);
		Arrays.sort(n);
		return Auroc.ofSorted(widen(p), widen(n));
	}

	private static double[] widen(float[] a) {
		double[] d = new double[a.length];
		for (int i = 0; i < a.length; i++) {
			d[i] = a[i];
		}
		return d;
	}

	private static int grow(int n) {
		if (n >= Integer.MAX_VALUE - 8) {
			throw new IllegalStateException("more than 2^31 pixels in one class");
		}
		return (int) Math.min(Integer.MAX_VALUE - 8L, n * 2L);
	}
}

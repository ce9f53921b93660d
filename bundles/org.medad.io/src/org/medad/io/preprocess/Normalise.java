package org.medad.io.preprocess;

import java.util.Arrays;

import org.medad.core.image.Volume;

/**
 * Intensity normalisation of a slice, per channel: fixed mean/std (ImageNet-style constants), z-score of
 * the slice itself, min-max to [0, 1], or percentiles lo..hi mapped to [0, 1] and clipped.
 */
public record Normalise(Mode mode, double a, double b) implements SliceOp {

	public enum Mode {
		MEAN_STD, Z_SCORE, MIN_MAX, PERCENTILE
	}

	public static Normalise meanStd(double mean, double std) {
		return new Normalise(Mode.MEAN_STD, mean, std);
	}

	public static Normalise zScore() {
		return new Normalise(Mode.Z_SCORE, 0, 0);
	}

	public static Normalise minMax() {
		return new Normalise(Mode.MIN_MAX, 0, 0);
	}

	/** Percentiles in [0, 100], e.g. (1, 99). */
	public static Normalise percentile(double lo, double hi) {
		return new Normalise(Mode.PERCENTILE, lo, hi);
	}

	@Override
	public Volume apply(Volume slice) {
		Planes.require2d(slice);
		float[][] planes = new float[slice.channels()][];
		for (int c = 0; c < planes.length; c++) {
			planes[c] = normalise(Planes.channel(slice, c));
		}
		return Planes.of(slice, planes, slice.width(), slice.height(), slice.geometry());
	}

	private float[] normalise(float[] v) {
		double offset;
		double scale;
		switch (mode) {
		case MEAN_STD -> {
			offset = a;
			scale = b;
		}
		case Z_SCORE -> {
			double s = 0, s2 = 0;
			for (float f : v) {
				s += f;
				s2 += (double) f * f;
			}
			offset = s / v.length;
			scale = Math.sqrt(Math.max(0, s2 / v.length - offset * offset));
		}
		case MIN_MAX -> {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (float f : v) {
				lo = Math.min(lo, f);
				hi = Math.max(hi, f);
			}
			offset = lo;
			scale = hi - lo;
		}
		default -> {
			float[] sorted = v.clone();
			Arrays.sort(sorted);
			double lo = quantile(sorted, a / 100), hi = quantile(sorted, b / 100);
			offset = lo;
			scale = hi - lo;
		}
		}
		double s = scale == 0 ? 1 : scale;
		float[] out = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			double x = (v[i] - offset) / s;
			out[i] = (float) (mode == Mode.PERCENTILE ? Math.max(0, Math.min(1, x)) : x);
		}
		return out;
	}

	/** Linear interpolation between order statistics (numpy's default percentile). */
	static double quantile(float[] sorted, double q) {
		double pos = q * (sorted.length - 1);
		int i = (int) Math.floor(pos);
		int j = Math.min(i + 1, sorted.length - 1);
		return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
	}

	@Override
	public String describe() {
		return switch (mode) {
		case MEAN_STD -> "normalise (x - " + a + ") / " + b;
		case Z_SCORE -> "normalise z-score per slice";
		case MIN_MAX -> "normalise min-max to [0,1]";
		case PERCENTILE -> "normalise percentiles " + a + ".." + b + " to [0,1]";
		};
	}
}

package org.medad.detector.mvfa.score;

/**
 * MVFA's final scores depend on the whole scored set (METHODS.md §2.4, the official {@code test_few.test}): zero-
 * and few-shot parts are each min-max normalised over every value of the set (one global minimum and maximum over
 * all images and pixels), then averaged.
 */
public final class SetNormalisation {
	private SetNormalisation() {
	}

	/** (v - min) / (max - min) over all values of all arrays, in float32 as numpy computes it; a new array each. */
	public static float[][] minMax(float[][] values) {
		float min = Float.POSITIVE_INFINITY;
		float max = Float.NEGATIVE_INFINITY;
		for (float[] a : values) {
			for (float v : a) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		}
		float range = max - min;
		float[][] out = new float[values.length][];
		for (int i = 0; i < values.length; i++) {
			out[i] = new float[values[i].length];
			for (int j = 0; j < values[i].length; j++) {
				// a constant set has no spread: every value maps to 0 rather than NaN
				out[i][j] = range > 0 ? (values[i][j] - min) / range : 0f;
			}
		}
		return out;
	}

	/** 0.5·a + 0.5·b element-wise. */
	public static float[] half(float[] a, float[] b) {
		float[] out = new float[a.length];
		for (int i = 0; i < a.length; i++) {
			out[i] = 0.5f * a[i] + 0.5f * b[i];
		}
		return out;
	}

	public static float max(float[] a) {
		float m = Float.NEGATIVE_INFINITY;
		for (float v : a) {
			m = Math.max(m, v);
		}
		return m;
	}
}

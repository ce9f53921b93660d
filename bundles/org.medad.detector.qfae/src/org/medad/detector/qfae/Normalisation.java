package org.medad.detector.qfae;

/**
 * The official code's input normalisation, (x - 0.449) / 0.226 on every channel of an image in [0, 1]: the model's
 * input and its reconstruction live in that space; augmentation works in [0, 1].
 */
final class Normalisation {
	static final double MEAN = 0.449;
	static final double STD = 0.226;

	private Normalisation() {
	}

	static float[] toUnit(float[] x) {
		float[] u = new float[x.length];
		for (int i = 0; i < u.length; i++) {
			u[i] = (float) (x[i] * STD + MEAN);
		}
		return u;
	}

	static float[] toModel(float[] u) {
		float[] x = new float[u.length];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) ((u[i] - MEAN) / STD);
		}
		return x;
	}
}

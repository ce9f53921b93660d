package org.medad.core.image;

/** Separable Gaussian smoothing of a 2D float array (x fastest), borders replicated. */
public final class GaussianBlur {
	private GaussianBlur() {
	}

	/** A smoothed copy; {@code sigma <= 0} returns an unchanged copy. Kernel radius is ceil(3 sigma). */
	public static float[] blur(float[] src, int w, int h, double sigma) {
		if (sigma <= 0) {
			return src.clone();
		}
		float[] k = kernel(sigma);
		int r = k.length / 2;
		float[] tmp = new float[src.length];
		for (int y = 0; y < h; y++) {
			int row = y * w;
			for (int x = 0; x < w; x++) {
				float s = 0;
				for (int j = -r; j <= r; j++) {
					s += k[j + r] * src[row + Math.min(w - 1, Math.max(0, x + j))];
				}
				tmp[row + x] = s;
			}
		}
		float[] out = new float[src.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				float s = 0;
				for (int j = -r; j <= r; j++) {
					s += k[j + r] * tmp[Math.min(h - 1, Math.max(0, y + j)) * w + x];
				}
				out[y * w + x] = s;
			}
		}
		return out;
	}

	static float[] kernel(double sigma) {
		int r = (int) Math.ceil(3 * sigma);
		float[] k = new float[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) {
			double v = Math.exp(-i * i / (2 * sigma * sigma));
			k[i + r] = (float) v;
			sum += v;
		}
		for (int i = 0; i < k.length; i++) {
			k[i] /= (float) sum;
		}
		return k;
	}
}

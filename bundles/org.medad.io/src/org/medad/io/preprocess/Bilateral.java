package org.medad.io.preprocess;

/**
 * OpenCV's bilateralFilter on an 8-bit grey image: circular window of the given diameter, Gaussian weights
 * in space (sigmaSpace) and in intensity difference (sigmaColor), BORDER_REFLECT_101, result rounded.
 */
final class Bilateral {
	private Bilateral() {
	}

	static float[] filter(float[] src, int w, int h, int diameter, double sigmaColor, double sigmaSpace) {
		int r = diameter / 2;
		double gc = -0.5 / (sigmaColor * sigmaColor);
		double gs = -0.5 / (sigmaSpace * sigmaSpace);
		double[] colorWeight = new double[256];
		for (int i = 0; i < 256; i++) {
			colorWeight[i] = Math.exp(i * i * gc);
		}
		java.util.List<int[]> offsets = new java.util.ArrayList<>();
		java.util.List<Double> spaceWeight = new java.util.ArrayList<>();
		for (int dy = -r; dy <= r; dy++) {
			for (int dx = -r; dx <= r; dx++) {
				double d = Math.sqrt(dx * dx + dy * dy);
				if (d <= r) {
					offsets.add(new int[] { dx, dy });
					spaceWeight.add(Math.exp(d * d * gs));
				}
			}
		}
		float[] out = new float[src.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int centre = (int) src[y * w + x];
				double sum = 0, wsum = 0;
				for (int k = 0; k < offsets.size(); k++) {
					int sx = reflect101(x + offsets.get(k)[0], w);
					int sy = reflect101(y + offsets.get(k)[1], h);
					int v = (int) src[sy * w + sx];
					double wt = spaceWeight.get(k) * colorWeight[Math.min(255, Math.abs(v - centre))];
					sum += wt * v;
					wsum += wt;
				}
				out[y * w + x] = (float) Math.rint(sum / wsum); // cvRound: halves to even
			}
		}
		return out;
	}

	static int reflect101(int i, int n) {
		if (n == 1) {
			return 0;
		}
		while (i < 0 || i >= n) {
			i = i < 0 ? -i : 2 * n - 2 - i;
		}
		return i;
	}
}

package org.medad.nn.filter;

/** In-place 2-D discrete Fourier transform: radix-2 for powers of two, a direct DFT for other lengths. */
final class Fft {
	private Fft() {
	}

	static void transform2d(double[] re, double[] im, int h, int w, boolean inverse) {
		double[] rr = new double[Math.max(h, w)];
		double[] ri = new double[rr.length];
		for (int y = 0; y < h; y++) {
			System.arraycopy(re, y * w, rr, 0, w);
			System.arraycopy(im, y * w, ri, 0, w);
			transform(rr, ri, w, inverse);
			System.arraycopy(rr, 0, re, y * w, w);
			System.arraycopy(ri, 0, im, y * w, w);
		}
		for (int x = 0; x < w; x++) {
			for (int y = 0; y < h; y++) {
				rr[y] = re[y * w + x];
				ri[y] = im[y * w + x];
			}
			transform(rr, ri, h, inverse);
			for (int y = 0; y < h; y++) {
				re[y * w + x] = rr[y];
				im[y * w + x] = ri[y];
			}
		}
	}

	/** Transforms the first n values; the inverse is scaled by 1/n as numpy/torch do. */
	static void transform(double[] re, double[] im, int n, boolean inverse) {
		if (Integer.bitCount(n) == 1) {
			radix2(re, im, n, inverse);
		} else {
			direct(re, im, n, inverse);
		}
		if (inverse) {
			for (int i = 0; i < n; i++) {
				re[i] /= n;
				im[i] /= n;
			}
		}
	}

	private static void radix2(double[] re, double[] im, int n, boolean inverse) {
		for (int i = 1, j = 0; i < n; i++) {
			int bit = n >> 1;
			for (; (j & bit) != 0; bit >>= 1) {
				j ^= bit;
			}
			j ^= bit;
			if (i < j) {
				double t = re[i];
				re[i] = re[j];
				re[j] = t;
				t = im[i];
				im[i] = im[j];
				im[j] = t;
			}
		}
		for (int len = 2; len <= n; len <<= 1) {
			double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
			for (int i = 0; i < n; i += len) {
				for (int k = 0; k < len / 2; k++) {
					double wr = Math.cos(angle * k);
					double wi = Math.sin(angle * k);
					int a = i + k;
					int b = a + len / 2;
					double xr = re[b] * wr - im[b] * wi;
					double xi = re[b] * wi + im[b] * wr;
					re[b] = re[a] - xr;
					im[b] = im[a] - xi;
					re[a] += xr;
					im[a] += xi;
				}
			}
		}
	}

	private static void direct(double[] re, double[] im, int n, boolean inverse) {
		double[] or = new double[n];
		double[] oi = new double[n];
		double sign = inverse ? 1 : -1;
		for (int k = 0; k < n; k++) {
			double sr = 0;
			double si = 0;
			for (int t = 0; t < n; t++) {
				double a = sign * 2 * Math.PI * ((long) k * t % n) / n;
				sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
				si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
			}
			or[k] = sr;
			oi[k] = si;
		}
		System.arraycopy(or, 0, re, 0, n);
		System.arraycopy(oi, 0, im, 0, n);
	}
}

package org.medad.nn.filter;

/**
 * Butterworth high-pass in the frequency domain (METHODS.md §3.2): F = fftshift(FFT2(g)), D(u,v) the distance to the
 * centre (int(H/2), int(W/2)), H = 1 / (1 + (D0 / (D + 1e-6))^(2n)), result Re(IFFT2(ifftshift(F·H))). Computed in
 * double precision on the CPU: it prepares inputs and needs no gradient.
 */
public final class Butterworth {
	private Butterworth() {
	}

	/** High-pass of one h×w plane (row-major); {@code cutoff} D0 in frequency samples, {@code order} n. */
	public static float[] highPass(float[] plane, int h, int w, double cutoff, int order) {
		double[] re = new double[h * w];
		double[] im = new double[h * w];
		for (int i = 0; i < re.length; i++) {
			re[i] = plane[i];
		}
		Fft.transform2d(re, im, h, w, false);
		int cy = h / 2;
		int cx = w / 2;
		for (int y = 0; y < h; y++) {
			// unshifted index y holds the frequency that fftshift moves to (y + h/2) mod h; same for x
			int sy = (y + h / 2) % h;
			for (int x = 0; x < w; x++) {
				int sx = (x + w / 2) % w;
				double d = Math.hypot(sy - cy, sx - cx);
				double gain = 1 / (1 + Math.pow(cutoff / (d + 1e-6), 2.0 * order));
				re[y * w + x] *= gain;
				im[y * w + x] *= gain;
			}
		}
		Fft.transform2d(re, im, h, w, true);
		float[] out = new float[h * w];
		for (int i = 0; i < out.length; i++) {
			out[i] = (float) re[i];
		}
		return out;
	}
}

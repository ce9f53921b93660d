package org.medad.io.preprocess;

/**
 * OpenCV's {@code cv2.resize(..., INTER_LINEAR)} of an 8-bit grey image as its x86 build computes it: half-pixel
 * centres, single-precision source positions, weights in 11-bit fixed point, the horizontal pass in integers and the
 * vertical one through the SIMD path's 16-bit high products ({@code ((S0>>4)*b0>>16) + ((S1>>4)*b1>>16) + 2 >> 2}).
 * Plain bilinear in floating point differs from it by one grey level on about one pixel in ten, which QFAE's liver
 * preprocessing (offline, in OpenCV) would then not match.
 */
final class OpenCvLinear {
	private static final int ONE = 2048; // INTER_RESIZE_COEF_SCALE

	private OpenCvLinear() {
	}

	/** {@code src} (w x h, values 0..255) resized to nw x nh. */
	static float[] resize(float[] src, int w, int h, int nw, int nh) {
		int[] xofs = new int[nw];
		short[] alpha = new short[2 * nw];
		int xmax = nw;
		double scaleX = (double) w / nw;
		for (int dx = 0; dx < nw; dx++) {
			float fx = (float) ((dx + 0.5) * scaleX - 0.5);
			int sx = (int) Math.floor(fx);
			fx -= sx;
			if (sx < 0) {
				fx = 0;
				sx = 0;
			}
			if (sx + 1 >= w) {
				xmax = Math.min(xmax, dx);
				if (sx >= w - 1) {
					fx = 0;
					sx = w - 1;
				}
			}
			xofs[dx] = sx;
			alpha[2 * dx] = fixed(1f - fx);
			alpha[2 * dx + 1] = fixed(fx);
		}
		int[] yofs = new int[nh];
		short[] beta = new short[2 * nh];
		double scaleY = (double) h / nh;
		for (int dy = 0; dy < nh; dy++) {
			float fy = (float) ((dy + 0.5) * scaleY - 0.5);
			int sy = (int) Math.floor(fy);
			fy -= sy;
			yofs[dy] = sy;
			beta[2 * dy] = fixed(1f - fy);
			beta[2 * dy + 1] = fixed(fy);
		}
		int[][] rows = new int[h][];
		float[] out = new float[nw * nh];
		for (int dy = 0; dy < nh; dy++) {
			int r0 = Math.clamp(yofs[dy], 0, h - 1);
			int r1 = Math.clamp(yofs[dy] + 1, 0, h - 1);
			int[] s0 = row(rows, src, w, r0, xofs, alpha, xmax, nw);
			int[] s1 = row(rows, src, w, r1, xofs, alpha, xmax, nw);
			int b0 = beta[2 * dy];
			int b1 = beta[2 * dy + 1];
			for (int x = 0; x < nw; x++) {
				int v = (mulHi(s0[x] >> 4, b0) + mulHi(s1[x] >> 4, b1) + 2) >> 2;
				out[dy * nw + x] = Math.clamp(v, 0, 255);
			}
		}
		return out;
	}

	/** One source row through the horizontal pass (value x 2048), computed once. */
	private static int[] row(int[][] rows, float[] src, int w, int r, int[] xofs, short[] alpha, int xmax, int nw) {
		if (rows[r] == null) {
			int[] d = new int[nw];
			for (int dx = 0; dx < nw; dx++) {
				int sx = xofs[dx];
				int a = (int) src[r * w + sx];
				d[dx] = dx < xmax ? a * alpha[2 * dx] + (int) src[r * w + sx + 1] * alpha[2 * dx + 1] : a * ONE;
			}
			rows[r] = d;
		}
		return rows[r];
	}

	/** The high half of a 16 x 16-bit signed product, after the int16 pack the SIMD path does. */
	private static int mulHi(int a, int b) {
		short s = (short) Math.clamp(a, Short.MIN_VALUE, Short.MAX_VALUE);
		return (s * b) >> 16;
	}

	private static short fixed(float c) {
		return (short) Math.rint(c * ONE);
	}
}

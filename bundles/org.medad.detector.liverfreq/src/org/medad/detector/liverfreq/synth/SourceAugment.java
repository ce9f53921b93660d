package org.medad.detector.liverfreq.synth;

import java.util.Random;

/**
 * Three of DRAEM's ten augmenters, drawn without replacement, applied to an anomaly source image in [0, 1]
 * (METHODS.md §3.1): gamma, multiply-add, sharpen, hue/saturation (a brightness-contrast stand-in on grey
 * images), solarize, posterize, invert, autocontrast, equalize, rotate.
 */
public final class SourceAugment {
	private SourceAugment() {
	}

	public static float[] apply(float[] img, int h, int w, Random r) {
		int[] order = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		for (int i = order.length - 1; i > 0; i--) {
			int j = r.nextInt(i + 1);
			int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		float[] x = img.clone();
		for (int k = 0; k < 3; k++) {
			x = one(order[k], x, h, w, r);
		}
		for (int i = 0; i < x.length; i++) {
			x[i] = Math.min(1f, Math.max(0f, x[i]));
		}
		return x;
	}

	private static float[] one(int which, float[] x, int h, int w, Random r) {
		float[] y = new float[x.length];
		switch (which) {
			case 0 -> { // gamma 0.5-2
				double g = 0.5 + 1.5 * r.nextDouble();
				for (int i = 0; i < x.length; i++) {
					y[i] = (float) Math.pow(Math.max(0, x[i]), g);
				}
			}
			case 1 -> { // multiply 0.8-1.2 and add ±30/255
				double m = 0.8 + 0.4 * r.nextDouble();
				double a = (r.nextDouble() * 60 - 30) / 255;
				for (int i = 0; i < x.length; i++) {
					y[i] = (float) (x[i] * m + a);
				}
			}
			case 2 -> { // sharpen: blend with a 3x3 Laplacian-sharpened copy
				double alpha = r.nextDouble();
				for (int yy = 0; yy < h; yy++) {
					for (int xx = 0; xx < w; xx++) {
						int i = yy * w + xx;
						double c = x[i] * 5 - at(x, h, w, yy - 1, xx) - at(x, h, w, yy + 1, xx) - at(x, h, w, yy, xx - 1)
								- at(x, h, w, yy, xx + 1);
						y[i] = (float) ((1 - alpha) * x[i] + alpha * c);
					}
				}
			}
			case 3 -> { // hue/saturation ±50 on a grey image: a contrast change about the mean
				double f = 1 + (r.nextDouble() * 100 - 50) / 255;
				double mean = 0;
				for (float v : x) {
					mean += v;
				}
				mean /= x.length;
				for (int i = 0; i < x.length; i++) {
					y[i] = (float) (mean + (x[i] - mean) * f);
				}
			}
			case 4 -> { // solarize above a threshold 32-128
				double t = (32 + 96 * r.nextDouble()) / 255;
				for (int i = 0; i < x.length; i++) {
					y[i] = x[i] > t ? 1 - x[i] : x[i];
				}
			}
			case 5 -> { // posterize to 4-8 bits
				int levels = 1 << (4 + r.nextInt(5));
				for (int i = 0; i < x.length; i++) {
					y[i] = (float) Math.floor(x[i] * (levels - 1) + 0.5) / (levels - 1);
				}
			}
			case 6 -> { // invert
				for (int i = 0; i < x.length; i++) {
					y[i] = 1 - x[i];
				}
			}
			case 7 -> { // autocontrast
				float lo = Float.MAX_VALUE;
				float hi = -Float.MAX_VALUE;
				for (float v : x) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
				float span = hi - lo;
				for (int i = 0; i < x.length; i++) {
					y[i] = span > 0 ? (x[i] - lo) / span : x[i];
				}
			}
			case 8 -> { // equalize (256 bins)
				int[] hist = new int[256];
				for (float v : x) {
					hist[Math.min(255, Math.max(0, (int) (v * 255)))]++;
				}
				float[] cdf = new float[256];
				int run = 0;
				for (int b = 0; b < 256; b++) {
					run += hist[b];
					cdf[b] = (float) run / x.length;
				}
				for (int i = 0; i < x.length; i++) {
					y[i] = cdf[Math.min(255, Math.max(0, (int) (x[i] * 255)))];
				}
			}
			default -> y = Planes.rotate(x, h, w, r.nextDouble() * 90 - 45);
		}
		return y;
	}

	private static float at(float[] p, int h, int w, int y, int x) {
		y = Math.min(h - 1, Math.max(0, y));
		x = Math.min(w - 1, Math.max(0, x));
		return p[y * w + x];
	}
}

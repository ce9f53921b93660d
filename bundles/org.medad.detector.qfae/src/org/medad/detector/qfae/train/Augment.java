package org.medad.detector.qfae.train;

import java.util.Random;

import org.medad.core.image.Resample;

/**
 * QFAE's training augmentations with the official parameters (METHODS.md §1.7), on a square RGB image in [0, 1]
 * (channel planes, x fastest), in order: random resized crop (area 0.9-1.0, aspect 0.8-1.2, ten tries then the
 * centre, antialiased bilinear back to the side), rotation by up to ±10° (nearest, corners filled with 0), vertical
 * flip with p 0.5, brightness and contrast factors 0.9-1.1 in random order (contrast blends with the mean of the
 * grey image), clamped to [0, 1]. Draws come from the caller's generator, so a seeded run repeats.
 */
public final class Augment {
	private Augment() {
	}

	public static float[] apply(float[] rgb, int side, Random r) {
		float[] x = resizedCrop(rgb, side, r);
		x = rotate(x, side, (r.nextDouble() * 2 - 1) * 10);
		if (r.nextDouble() < 0.5) {
			flipVertical(x, side);
		}
		double brightness = 0.9 + 0.2 * r.nextDouble();
		double contrast = 0.9 + 0.2 * r.nextDouble();
		if (r.nextBoolean()) {
			brightness(x, brightness);
			contrast(x, side, contrast);
		} else {
			contrast(x, side, contrast);
			brightness(x, brightness);
		}
		return x;
	}

	static float[] resizedCrop(float[] rgb, int side, Random r) {
		double area = (double) side * side;
		int w = side;
		int h = side;
		int top = 0;
		int left = 0;
		boolean found = false;
		for (int attempt = 0; attempt < 10 && !found; attempt++) {
			double target = area * (0.9 + 0.1 * r.nextDouble());
			double ratio = Math.exp(Math.log(0.8) + (Math.log(1.2) - Math.log(0.8)) * r.nextDouble());
			int cw = (int) Math.round(Math.sqrt(target * ratio));
			int ch = (int) Math.round(Math.sqrt(target / ratio));
			if (cw > 0 && ch > 0 && cw <= side && ch <= side) {
				w = cw;
				h = ch;
				top = r.nextInt(side - h + 1);
				left = r.nextInt(side - w + 1);
				found = true;
			}
		}
		if (!found) { // torchvision's fallback: the whole image at the ratio bounds, centred
			w = side;
			h = side;
		}
		int plane = side * side;
		float[] out = new float[rgb.length];
		float[] crop = new float[w * h];
		for (int c = 0; c < rgb.length / plane; c++) {
			for (int y = 0; y < h; y++) {
				System.arraycopy(rgb, c * plane + (top + y) * side + left, crop, y * w, w);
			}
			float[] resized = Resample.resize(crop, w, h, side, side, Resample.Mode.BILINEAR_ANTIALIAS);
			System.arraycopy(resized, 0, out, c * plane, plane);
		}
		return out;
	}

	/** Counter-clockwise by {@code degrees} about the centre, nearest neighbour, outside filled with 0. */
	static float[] rotate(float[] x, int side, double degrees) {
		double a = Math.toRadians(degrees);
		double cos = Math.cos(a);
		double sin = Math.sin(a);
		double centre = (side - 1) / 2.0;
		int plane = side * side;
		float[] out = new float[x.length];
		for (int y = 0; y < side; y++) {
			for (int u = 0; u < side; u++) {
				// the source of each output pixel: the inverse rotation
				double dx = u - centre;
				double dy = y - centre;
				int sx = (int) Math.round(cos * dx - sin * dy + centre);
				int sy = (int) Math.round(sin * dx + cos * dy + centre);
				if (sx >= 0 && sy >= 0 && sx < side && sy < side) {
					for (int c = 0; c < x.length / plane; c++) {
						out[c * plane + y * side + u] = x[c * plane + sy * side + sx];
					}
				}
			}
		}
		return out;
	}

	static void flipVertical(float[] x, int side) {
		float[] row = new float[side];
		for (int c = 0; c < x.length / (side * side); c++) {
			int base = c * side * side;
			for (int y = 0; y < side / 2; y++) {
				int a = base + y * side;
				int b = base + (side - 1 - y) * side;
				System.arraycopy(x, a, row, 0, side);
				System.arraycopy(x, b, x, a, side);
				System.arraycopy(row, 0, x, b, side);
			}
		}
	}

	static void brightness(float[] x, double f) {
		for (int i = 0; i < x.length; i++) {
			x[i] = clamp(x[i] * f);
		}
	}

	/** Blend with the mean of the grey image (0.2989 R + 0.587 G + 0.114 B), as torchvision's adjust_contrast. */
	static void contrast(float[] x, int side, double f) {
		int plane = side * side;
		double sum = 0;
		boolean rgb = x.length == 3 * plane;
		for (int i = 0; i < plane; i++) {
			sum += rgb ? 0.2989 * x[i] + 0.587 * x[plane + i] + 0.114 * x[2 * plane + i] : x[i];
		}
		double mean = sum / plane;
		for (int i = 0; i < x.length; i++) {
			x[i] = clamp(f * x[i] + (1 - f) * mean);
		}
	}

	private static float clamp(double v) {
		return (float) Math.min(1, Math.max(0, v));
	}
}

package org.medad.detector.qfae.train;

import java.util.Random;

import org.medad.core.image.Resample;

/**
 * QFAE's training augmentations with the official parameters (METHODS.md §1.7), on a square RGB image in [0, 1]
 * (channel planes, x fastest), in order: random resized crop (area 0.9-1.0, aspect 0.8-1.2, ten tries then the
 * centre, antialiased bilinear back to the side), rotation by up to ±10° (nearest as PIL picks it, corners filled with 0), vertical
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
		int[] box = cropBox(side, r);
		return crop(rgb, side, box[0], box[1], box[2], box[3]);
	}

	/**
	 * torchvision's RandomResizedCrop box {top, left, height, width}: area 0.9-1.0 of the image, aspect 0.8-1.2 drawn
	 * log-uniformly, ten tries, then the whole image (the fallback for a square image at these bounds).
	 */
	static int[] cropBox(int side, Random r) {
		double area = (double) side * side;
		for (int attempt = 0; attempt < 10; attempt++) {
			double target = area * (0.9 + 0.1 * r.nextDouble());
			double ratio = Math.exp(Math.log(0.8) + (Math.log(1.2) - Math.log(0.8)) * r.nextDouble());
			int cw = (int) Math.round(Math.sqrt(target * ratio));
			int ch = (int) Math.round(Math.sqrt(target / ratio));
			if (cw > 0 && ch > 0 && cw <= side && ch <= side) {
				int top = r.nextInt(side - ch + 1);
				int left = r.nextInt(side - cw + 1);
				return new int[] { top, left, ch, cw };
			}
		}
		return new int[] { 0, 0, side, side };
	}

	/** The box {@code h x w} at (top, left) of every channel, resized back to the side (antialiased bilinear). */
	static float[] crop(float[] rgb, int side, int top, int left, int h, int w) {
		int plane = side * side;
		float[] out = new float[rgb.length];
		float[] box = new float[w * h];
		for (int c = 0; c < rgb.length / plane; c++) {
			for (int y = 0; y < h; y++) {
				System.arraycopy(rgb, c * plane + (top + y) * side + left, box, y * w, w);
			}
			float[] resized = Resample.resize(box, w, h, side, side, Resample.Mode.BILINEAR_ANTIALIAS);
			System.arraycopy(resized, 0, out, c * plane, plane);
		}
		return out;
	}

	/**
	 * Counter-clockwise by {@code degrees} about the image centre, nearest neighbour, outside filled with 0, as
	 * torchvision rotates the official code's PIL images: PIL's affine matrix (entries rounded to 15 decimals) walked
	 * in 16.16 fixed point, which picks another neighbour than exact arithmetic for a few pixels in a thousand.
	 */
	static float[] rotate(float[] x, int side, double degrees) {
		double ang = -Math.toRadians(degrees);
		double m0 = round15(Math.cos(ang));
		double m1 = round15(Math.sin(ang));
		double m3 = round15(-Math.sin(ang));
		double m4 = m0;
		double centre = side / 2.0;
		double m2 = m0 * -centre + m1 * -centre + centre;
		double m5 = m3 * -centre + m4 * -centre + centre;
		long a0 = fix(m0);
		long a1 = fix(m1);
		long a3 = fix(m3);
		long a4 = fix(m4);
		long rowX = fix(m2 + m0 * 0.5 + m1 * 0.5);
		long rowY = fix(m5 + m3 * 0.5 + m4 * 0.5);
		int plane = side * side;
		int channels = x.length / plane;
		float[] out = new float[x.length];
		for (int y = 0; y < side; y++) {
			long xx = rowX;
			long yy = rowY;
			for (int u = 0; u < side; u++) {
				long sx = xx >> 16;
				long sy = yy >> 16;
				if (sx >= 0 && sy >= 0 && sx < side && sy < side) {
					for (int c = 0; c < channels; c++) {
						out[c * plane + y * side + u] = x[c * plane + (int) sy * side + (int) sx];
					}
				}
				xx += a0;
				yy += a3;
			}
			rowX += a1;
			rowY += a4;
		}
		return out;
	}

	/** Python's round(v, 15): the exact binary value rounded half to even at the 15th decimal. */
	private static double round15(double v) {
		return new java.math.BigDecimal(v).setScale(15, java.math.RoundingMode.HALF_EVEN).doubleValue();
	}

	/** PIL's FIX: 16.16 fixed point, rounded. */
	private static long fix(double v) {
		return (long) Math.floor(v * 65536.0 + 0.5);
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

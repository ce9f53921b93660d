package org.medad.io.write;

import java.awt.image.BufferedImage;

/**
 * Renders an anomaly map over its grey image: the slice windowed to its own 1st-99th percentile,
 * the map scaled to [low, high] and blended in a perceptual colour ramp (dark blue to yellow), more
 * opaque where the anomaly is stronger; the lowest 15% of the range is left uncoloured so that normal
 * tissue stays readable.
 */
public final class HeatMap {
	private HeatMap() {
	}

	public static BufferedImage overlay(float[] grey, float[] map, int w, int h, double low, double high) {
		double[] win = percentiles(grey, 0.01, 0.99);
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		double span = Math.max(high - low, 1e-12);
		double greySpan = Math.max(win[1] - win[0], 1e-12);
		for (int i = 0; i < w * h; i++) {
			double g = clamp((grey[i] - win[0]) / greySpan) * 255;
			double t = clamp((map[i] - low) / span);
			int rgb = ramp(t);
			double alpha = t < 0.15 ? 0 : 0.3 + 0.55 * t;
			int r = (int) (g * (1 - alpha) + ((rgb >> 16) & 255) * alpha);
			int gg = (int) (g * (1 - alpha) + ((rgb >> 8) & 255) * alpha);
			int bl = (int) (g * (1 - alpha) + (rgb & 255) * alpha);
			img.setRGB(i % w, i / w, (r << 16) | (gg << 8) | bl);
		}
		return img;
	}

	/** A viridis-like ramp through five anchor colours. */
	static int ramp(double t) {
		int[][] anchors = { { 68, 1, 84 }, { 59, 82, 139 }, { 33, 145, 140 }, { 94, 201, 98 }, { 253, 231, 37 } };
		double p = t * (anchors.length - 1);
		int i = Math.min((int) p, anchors.length - 2);
		double f = p - i;
		int[] a = anchors[i];
		int[] b = anchors[i + 1];
		int r = (int) Math.round(a[0] + f * (b[0] - a[0]));
		int g = (int) Math.round(a[1] + f * (b[1] - a[1]));
		int bl = (int) Math.round(a[2] + f * (b[2] - a[2]));
		return (r << 16) | (g << 8) | bl;
	}

	static double[] percentiles(float[] v, double lo, double hi) {
		float[] s = v.clone();
		java.util.Arrays.sort(s);
		return new double[] { s[(int) (lo * (s.length - 1))], s[(int) (hi * (s.length - 1))] };
	}

	private static double clamp(double x) {
		return Math.max(0, Math.min(1, x));
	}
}

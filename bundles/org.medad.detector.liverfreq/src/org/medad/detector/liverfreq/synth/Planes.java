package org.medad.detector.liverfreq.synth;

/** Small operations on row-major float planes used by the anomaly synthesis. */
public final class Planes {
	private Planes() {
	}

	/** Rotation by {@code degrees} about the centre, bilinear, zero outside (imgaug Affine(rotate), fill 0). */
	public static float[] rotate(float[] plane, int h, int w, double degrees) {
		return rotate(plane, h, w, degrees, false);
	}

	/** Nearest-neighbour rotation for masks, so they stay binary. */
	public static float[] rotateNearest(float[] plane, int h, int w, double degrees) {
		return rotate(plane, h, w, degrees, true);
	}

	private static float[] rotate(float[] plane, int h, int w, double degrees, boolean nearest) {
		double a = Math.toRadians(degrees);
		double cos = Math.cos(a);
		double sin = Math.sin(a);
		double cy = (h - 1) / 2.0;
		double cx = (w - 1) / 2.0;
		float[] out = new float[plane.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				// inverse mapping: where in the source does this output pixel come from
				double sx = cos * (x - cx) + sin * (y - cy) + cx;
				double sy = -sin * (x - cx) + cos * (y - cy) + cy;
				out[y * w + x] = nearest ? at(plane, h, w, (int) Math.round(sy), (int) Math.round(sx))
						: bilinear(plane, h, w, sy, sx);
			}
		}
		return out;
	}

	static float bilinear(float[] p, int h, int w, double y, double x) {
		if (y < -1 || x < -1 || y > h || x > w) {
			return 0;
		}
		int y0 = (int) Math.floor(y);
		int x0 = (int) Math.floor(x);
		double fy = y - y0;
		double fx = x - x0;
		return (float) (at(p, h, w, y0, x0) * (1 - fy) * (1 - fx) + at(p, h, w, y0, x0 + 1) * (1 - fy) * fx
				+ at(p, h, w, y0 + 1, x0) * fy * (1 - fx) + at(p, h, w, y0 + 1, x0 + 1) * fy * fx);
	}

	private static float at(float[] p, int h, int w, int y, int x) {
		return y < 0 || x < 0 || y >= h || x >= w ? 0 : p[y * w + x];
	}
}

package org.medad.core.image;

/**
 * Resizing of 2D float images held as flat arrays (x fastest). Pixel centres are aligned the way
 * PyTorch's {@code interpolate(..., align_corners=False)} and PIL do, so maps produced at a network's
 * resolution land on the original grid without a half-pixel shift.
 */
public final class Resample {
	private Resample() {
	}

	/** Bilinear resize from (w, h) to (nw, nh). */
	public static float[] bilinear(float[] src, int w, int h, int nw, int nh) {
		if (w == nw && h == nh) {
			return src.clone();
		}
		float[] out = new float[nw * nh];
		double sx = (double) w / nw;
		double sy = (double) h / nh;
		int[] x0 = new int[nw];
		int[] x1 = new int[nw];
		float[] fx = new float[nw];
		for (int x = 0; x < nw; x++) {
			double p = Math.max(0, (x + 0.5) * sx - 0.5);
			x0[x] = Math.min((int) p, w - 1);
			x1[x] = Math.min(x0[x] + 1, w - 1);
			fx[x] = (float) (p - x0[x]);
		}
		for (int y = 0; y < nh; y++) {
			double p = Math.max(0, (y + 0.5) * sy - 0.5);
			int y0 = Math.min((int) p, h - 1);
			int y1 = Math.min(y0 + 1, h - 1);
			float fy = (float) (p - y0);
			int r0 = y0 * w;
			int r1 = y1 * w;
			for (int x = 0; x < nw; x++) {
				float top = src[r0 + x0[x]] + fx[x] * (src[r0 + x1[x]] - src[r0 + x0[x]]);
				float bottom = src[r1 + x0[x]] + fx[x] * (src[r1 + x1[x]] - src[r1 + x0[x]]);
				out[y * nw + x] = top + fy * (bottom - top);
			}
		}
		return out;
	}

	/** Area-averaging downsize for integer-free ratios; falls back to bilinear when enlarging. */
	public static float[] area(float[] src, int w, int h, int nw, int nh) {
		if (nw >= w || nh >= h) {
			return bilinear(src, w, h, nw, nh);
		}
		float[] out = new float[nw * nh];
		double sx = (double) w / nw;
		double sy = (double) h / nh;
		for (int y = 0; y < nh; y++) {
			double ya = y * sy;
			double yb = ya + sy;
			for (int x = 0; x < nw; x++) {
				double xa = x * sx;
				double xb = xa + sx;
				double sum = 0;
				double weight = 0;
				for (int yy = (int) ya; yy < Math.min(h, Math.ceil(yb)); yy++) {
					double wy = Math.min(yb, yy + 1) - Math.max(ya, yy);
					for (int xx = (int) xa; xx < Math.min(w, Math.ceil(xb)); xx++) {
						double wx = Math.min(xb, xx + 1) - Math.max(xa, xx);
						sum += wx * wy * src[yy * w + xx];
						weight += wx * wy;
					}
				}
				out[y * nw + x] = (float) (sum / weight);
			}
		}
		return out;
	}

	/** Nearest-neighbour resize (masks, labels). */
	public static float[] nearest(float[] src, int w, int h, int nw, int nh) {
		float[] out = new float[nw * nh];
		for (int y = 0; y < nh; y++) {
			int sy = Math.min(h - 1, (int) Math.floor((y + 0.5) * h / nh));
			for (int x = 0; x < nw; x++) {
				int sx = Math.min(w - 1, (int) Math.floor((x + 0.5) * w / nw));
				out[y * nw + x] = src[sy * w + sx];
			}
		}
		return out;
	}
}

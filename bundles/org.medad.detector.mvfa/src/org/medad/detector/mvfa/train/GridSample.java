package org.medad.detector.mvfa.train;

/**
 * PyTorch's {@code F.affine_grid(theta, align_corners=False)} followed by {@code F.grid_sample(mode='bilinear',
 * padding_mode='reflection', align_corners=False)}, in float32 with the CPU kernels' order of operations (linspace
 * from both ends, the base grid scaled by (n−1)/n, unnormalised as (g+1)·n/2 − ½), so that masks, whose edges are
 * sharp, land where the reference puts them. The sampling positions and weights depend only on the matrix and the
 * size: a plan computes them once for every image and channel it is applied to.
 */
final class GridSample {
	private final int h;
	private final int w;
	/** Per output pixel, the north-west source index (-1 past an edge) and the four corner weights. */
	private final int[] x0;
	private final int[] y0;
	private final float[] weights;

	/** @param theta the 2x3 matrix, row-major, mapping output to input coordinates in the normalised frame */
	GridSample(float[] theta, int h, int w) {
		this.h = h;
		this.w = w;
		int n = h * w;
		x0 = new int[n];
		y0 = new int[n];
		weights = new float[4 * n];
		float[] bx = base(w);
		float[] by = base(h);
		float halfW = w / 2f;
		float halfH = h / 2f;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				float sx = bx[x] * theta[0] + by[y] * theta[1] + theta[2];
				float sy = bx[x] * theta[3] + by[y] * theta[4] + theta[5];
				float ix = clip(reflect((sx + 1) * halfW - 0.5f, w), w);
				float iy = clip(reflect((sy + 1) * halfH - 0.5f, h), h);
				float fx = (float) Math.floor(ix);
				float fy = (float) Math.floor(iy);
				float we = ix - fx;
				float ea = 1 - we;
				float no = iy - fy;
				float so = 1 - no;
				int i = y * w + x;
				x0[i] = (int) fx;
				y0[i] = (int) fy;
				weights[4 * i] = so * ea;
				weights[4 * i + 1] = so * we;
				weights[4 * i + 2] = no * ea;
				weights[4 * i + 3] = no * we;
			}
		}
	}

	/** The plan applied to a (channels, h, w) image, row-major. */
	float[] apply(float[] image, int channels) {
		float[] out = new float[image.length];
		int n = h * w;
		for (int c = 0; c < channels; c++) {
			int plane = c * n;
			for (int i = 0; i < n; i++) {
				int cx = x0[i];
				int cy = y0[i];
				float v = at(image, plane, cx, cy) * weights[4 * i] + at(image, plane, cx + 1, cy) * weights[4 * i + 1]
						+ at(image, plane, cx, cy + 1) * weights[4 * i + 2]
						+ at(image, plane, cx + 1, cy + 1) * weights[4 * i + 3];
				out[plane + i] = v;
			}
		}
		return out;
	}

	/** {@code linspace(-1, 1, n) * (n - 1) / n} as ATen computes it in float32. */
	static float[] base(int n) {
		float step = 2f / (n - 1);
		int halfway = n / 2;
		float[] r = new float[n];
		for (int i = 0; i < n; i++) {
			float v = i < halfway ? -1f + step * i : 1f - step * (n - i - 1);
			r[i] = v * (n - 1) / n;
		}
		return r;
	}

	/** Corners outside the image contribute nothing (their weight is zero after clipping anyway). */
	private float at(float[] image, int plane, int x, int y) {
		return x < 0 || y < 0 || x >= w || y >= h ? 0 : image[plane + y * w + x];
	}

	/** Reflection about the pixel edges -0.5 and size - 0.5 (align_corners=False). */
	private static float reflect(float in, int size) {
		float min = -0.5f;
		float span = size;
		float d = Math.abs(in - min);
		float extra = d % span;
		float flips = (float) Math.floor(d / span);
		return flips % 2 == 0 ? extra + min : span - extra + min;
	}

	private static float clip(float in, int size) {
		return Math.min(size - 1f, Math.max(in, 0f));
	}
}

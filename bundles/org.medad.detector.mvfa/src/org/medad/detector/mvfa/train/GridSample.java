package org.medad.detector.mvfa.train;

/**
 * PyTorch's {@code F.affine_grid(theta, align_corners=False)} followed by {@code F.grid_sample(mode='bilinear',
 * padding_mode='reflection', align_corners=False)}, in float32 with the CPU kernels' order of operations (linspace
 * from both ends, the base grid scaled by (n−1)/n, unnormalised as (g+1)·n/2 − ½), so that masks, whose edges are
 * sharp, land where the reference puts them.
 */
final class GridSample {
	private GridSample() {
	}

	/** @param theta the 2x3 matrix, row-major, mapping output to input coordinates in the normalised frame */
	static float[] affine(float[] image, int channels, int h, int w, float[] theta) {
		float[] out = new float[image.length];
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
				float x0 = (float) Math.floor(ix);
				float y0 = (float) Math.floor(iy);
				float we = ix - x0;
				float ea = 1 - we;
				float no = iy - y0;
				float so = 1 - no;
				float nw = so * ea;
				float ne = so * we;
				float sw = no * ea;
				float se = no * we;
				int cx = (int) x0;
				int cy = (int) y0;
				for (int c = 0; c < channels; c++) {
					int plane = c * h * w;
					float v = at(image, plane, cx, cy, h, w) * nw + at(image, plane, cx + 1, cy, h, w) * ne
							+ at(image, plane, cx, cy + 1, h, w) * sw + at(image, plane, cx + 1, cy + 1, h, w) * se;
					out[plane + y * w + x] = v;
				}
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
	private static float at(float[] image, int plane, int x, int y, int h, int w) {
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

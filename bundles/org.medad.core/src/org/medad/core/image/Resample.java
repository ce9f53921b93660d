package org.medad.core.image;

/**
 * The one image resampler: 2D float images held as flat arrays (x fastest) resized in a declared {@link Mode}, and
 * the 1-D weight matrices of those modes for code that resamples elsewhere (on the device, position tables). Pixel
 * centres are aligned the way PyTorch's {@code interpolate(..., align_corners=False)} and PIL do, so maps produced at
 * a network's resolution land on the original grid without a half-pixel shift; {@link Mode#BILINEAR_ALIGN_CORNERS}
 * is PyTorch's align_corners=True (MVFA's maps, U-Net upsampling).
 */
public final class Resample {
	private Resample() {
	}

	/** How samples are interpolated; every resize in the product names one. */
	public enum Mode {
		/** Nearest neighbour (masks, labels). */
		NEAREST,
		/** Bilinear, half-pixel centres, no antialiasing (PyTorch align_corners=False, OpenCV INTER_LINEAR). */
		BILINEAR,
		/** Bilinear with the corner samples aligned (PyTorch align_corners=True). */
		BILINEAR_ALIGN_CORNERS,
		/** Area averaging when shrinking (OpenCV INTER_AREA); bilinear when enlarging. */
		AREA,
		/** Triangle filter widened by the scale when shrinking (PIL BILINEAR, torchvision antialias=True). */
		BILINEAR_ANTIALIAS,
		/** Keys cubic a = -0.75, borders replicated (PyTorch bicubic, antialias=False). */
		BICUBIC,
		/** Keys cubic a = -0.5 widened by the scale when shrinking (PIL BICUBIC, the papers' "AA-bicubic"). */
		BICUBIC_ANTIALIAS;

		/** Lower case with spaces, as records and messages show it. */
		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
		}
	}

	/** Resizes one plane from (w, h) to (nw, nh) in the given mode. */
	public static float[] resize(float[] src, int w, int h, int nw, int nh, Mode mode) {
		return switch (mode) {
			case NEAREST -> nearest(src, w, h, nw, nh);
			case BILINEAR -> bilinear(src, w, h, nw, nh);
			case AREA -> area(src, w, h, nw, nh);
			case BILINEAR_ALIGN_CORNERS -> byMatrix(src, w, h, nw, nh, matrix(w, nw, mode), matrix(h, nh, mode));
			default -> separable(src, w, h, nw, nh, mode);
		};
	}

	/** Along x with {@code mx}, then along y with {@code my} (dense: for the modes without a dedicated kernel). */
	private static float[] byMatrix(float[] src, int w, int h, int nw, int nh, double[][] mx, double[][] my) {
		double[] tmp = new double[nw * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < nw; x++) {
				double s = 0;
				for (int i = 0; i < w; i++) {
					s += mx[x][i] * src[y * w + i];
				}
				tmp[y * nw + x] = s;
			}
		}
		float[] out = new float[nw * nh];
		for (int y = 0; y < nh; y++) {
			for (int x = 0; x < nw; x++) {
				double s = 0;
				for (int j = 0; j < h; j++) {
					s += my[y][j] * tmp[j * nw + x];
				}
				out[y * nw + x] = (float) s;
			}
		}
		return out;
	}

	/**
	 * The (out x in) matrix of 1-D weights of a mode: row i holds the weights of output sample i (rows sum to 1). A
	 * resize is these along x, then along y; {@link #resize} gives the same to float rounding, except AREA when one
	 * axis shrinks and the other grows: {@link #area} then falls back to bilinear on both axes (kept so that existing
	 * models score as before), the matrices on the growing axis only.
	 */
	public static double[][] matrix(int in, int out, Mode mode) {
		if (in < 1 || out < 1) {
			throw new IllegalArgumentException("resample " + in + " -> " + out);
		}
		double[][] m = new double[out][in];
		switch (mode) {
			case NEAREST -> {
				for (int i = 0; i < out; i++) {
					m[i][Math.min(in - 1, (int) Math.floor((i + 0.5) * in / out))] = 1;
				}
			}
			case BILINEAR, BILINEAR_ALIGN_CORNERS -> {
				boolean corners = mode == Mode.BILINEAR_ALIGN_CORNERS;
				for (int i = 0; i < out; i++) {
					double src = corners ? (out > 1 ? (double) i * (in - 1) / (out - 1) : 0)
							: Math.max((i + 0.5) * in / out - 0.5, 0);
					int i0 = Math.min((int) Math.floor(src), in - 1);
					int i1 = Math.min(i0 + 1, in - 1);
					double lambda = src - i0;
					m[i][i0] += 1 - lambda;
					m[i][i1] += lambda;
				}
			}
			case AREA -> {
				if (out >= in) {
					return matrix(in, out, Mode.BILINEAR);
				}
				double s = (double) in / out;
				for (int i = 0; i < out; i++) {
					double a = i * s;
					double b = a + s;
					for (int j = (int) a; j < Math.min(in, Math.ceil(b)); j++) {
						m[i][j] = (Math.min(b, j + 1) - Math.max(a, j)) / s;
					}
				}
			}
			default -> {
				Taps t = Taps.of(in, out, mode);
				for (int i = 0; i < out; i++) {
					for (int k = 0; k < t.count[i]; k++) {
						m[i][t.first[i] + k] = t.weight[i][k];
					}
				}
			}
		}
		return m;
	}

	/** Separable filtering with the taps of an antialiased or cubic mode. */
	private static float[] separable(float[] src, int w, int h, int nw, int nh, Mode mode) {
		float[] tmp = new float[nw * h];
		Taps wx = Taps.of(w, nw, mode);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < nw; x++) {
				double s = 0;
				for (int k = 0; k < wx.count[x]; k++) {
					s += wx.weight[x][k] * src[y * w + wx.first[x] + k];
				}
				tmp[y * nw + x] = (float) s;
			}
		}
		float[] out = new float[nw * nh];
		Taps wy = Taps.of(h, nh, mode);
		for (int y = 0; y < nh; y++) {
			for (int x = 0; x < nw; x++) {
				double s = 0;
				for (int k = 0; k < wy.count[y]; k++) {
					s += wy.weight[y][k] * tmp[(wy.first[y] + k) * nw + x];
				}
				out[y * nw + x] = (float) s;
			}
		}
		return out;
	}

	/** For each output position: the first input index and the normalised kernel weights. */
	private record Taps(int[] first, int[] count, double[][] weight) {
		static Taps of(int in, int out, Mode mode) {
			boolean antialias = mode == Mode.BILINEAR_ANTIALIAS || mode == Mode.BICUBIC_ANTIALIAS;
			boolean cubic = mode == Mode.BICUBIC || mode == Mode.BICUBIC_ANTIALIAS;
			double scale = (double) in / out;
			double filterScale = antialias ? Math.max(scale, 1) : 1;
			double radius = (cubic ? 2 : 1) * filterScale;
			double a = antialias ? -0.5 : -0.75;
			int[] first = new int[out];
			int[] count = new int[out];
			double[][] weight = new double[out][];
			for (int i = 0; i < out; i++) {
				double centre = (i + 0.5) * scale;
				int lo = (int) Math.floor(centre - radius);
				int hi = (int) Math.ceil(centre + radius);
				double[] folded = new double[in];
				double sum = 0;
				int minIdx = in;
				int maxIdx = -1;
				for (int j = lo; j <= hi; j++) {
					double d = (j + 0.5 - centre) / filterScale;
					double k = cubic ? cubic(d, a) : Math.max(0, 1 - Math.abs(d));
					if (k == 0) {
						continue;
					}
					// PIL drops outside taps and renormalises; PyTorch's plain modes replicate the border sample
					int idx = antialias ? j : Math.min(in - 1, Math.max(0, j));
					if (idx < 0 || idx >= in) {
						continue;
					}
					folded[idx] += k;
					sum += k;
					minIdx = Math.min(minIdx, idx);
					maxIdx = Math.max(maxIdx, idx);
				}
				first[i] = minIdx;
				count[i] = maxIdx - minIdx + 1;
				weight[i] = new double[count[i]];
				for (int j = 0; j < count[i]; j++) {
					weight[i][j] = folded[minIdx + j] / sum;
				}
			}
			return new Taps(first, count, weight);
		}

		private static double cubic(double x, double a) {
			x = Math.abs(x);
			if (x < 1) {
				return ((a + 2) * x - (a + 3)) * x * x + 1;
			}
			if (x < 2) {
				return (((x - 5) * x + 8) * x - 4) * a;
			}
			return 0;
		}
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

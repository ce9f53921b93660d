package org.medad.io.preprocess;

import org.medad.core.image.Volume;

/**
 * Resize to width x height with pixel centres aligned (half-pixel convention of PIL, OpenCV and PyTorch's
 * align_corners=False). With {@code antialias}, downscaling widens the kernel by the scale factor as PIL
 * and torchvision's antialias=True do (the papers' "AA-bilinear"); bicubic uses a = -0.5 then, PyTorch's
 * a = -0.75 otherwise.
 */
public record Resize(int width, int height, Interpolation interpolation, boolean antialias) implements SliceOp {

	public Resize {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("resize target " + width + "x" + height);
		}
	}

	@Override
	public Volume apply(Volume slice) {
		Planes.require2d(slice);
		int w = slice.width();
		int h = slice.height();
		float[][] planes = new float[slice.channels()][];
		for (int c = 0; c < planes.length; c++) {
			planes[c] = resample(Planes.channel(slice, c), w, h, width, height, interpolation, antialias);
		}
		return Planes.of(slice, planes, width, height,
				Planes.scaled(slice.geometry(), (double) w / width, (double) h / height));
	}

	@Override
	public String describe() {
		return "resize " + width + "x" + height + " " + interpolation.name().toLowerCase()
				+ (antialias ? " antialiased" : "");
	}

	/** Separable resampling of one plane. */
	public static float[] resample(float[] src, int w, int h, int nw, int nh, Interpolation kind, boolean antialias) {
		if (kind == Interpolation.NEAREST) {
			return org.medad.core.image.Resample.nearest(src, w, h, nw, nh);
		}
		float[] tmp = new float[nw * h];
		Weights wx = Weights.of(w, nw, kind, antialias);
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
		Weights wy = Weights.of(h, nh, kind, antialias);
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
	private record Weights(int[] first, int[] count, double[][] weight) {
		static Weights of(int in, int out, Interpolation kind, boolean antialias) {
			double scale = (double) in / out;
			double filterScale = antialias ? Math.max(scale, 1) : 1;
			double radius = (kind == Interpolation.BICUBIC ? 2 : 1) * filterScale;
			double a = antialias ? -0.5 : -0.75;
			int[] first = new int[out];
			int[] count = new int[out];
			double[][] weight = new double[out][];
			for (int i = 0; i < out; i++) {
				double centre = (i + 0.5) * scale;
				int lo = (int) Math.floor(centre - radius);
				int hi = (int) Math.ceil(centre + radius);
				double[] wts = new double[hi - lo + 1];
				double sum = 0;
				for (int j = lo; j <= hi; j++) {
					double d = (j + 0.5 - centre) / filterScale;
					double k = kind == Interpolation.BICUBIC ? cubic(d, a) : Math.max(0, 1 - Math.abs(d));
					wts[j - lo] = k;
				}
				// clamp to the border: weights of outside samples go to the edge sample (replicate)
				double[] folded = new double[in];
				int minIdx = in;
				int maxIdx = -1;
				for (int j = lo; j <= hi; j++) {
					double k = wts[j - lo];
					if (k == 0) {
						continue;
					}
					int idx = antialias ? j : Math.min(in - 1, Math.max(0, j));
					if (idx < 0 || idx >= in) {
						continue; // PIL drops outside taps and renormalises
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
			return new Weights(first, count, weight);
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
}

package org.medad.nn.resample;

import org.medad.core.image.Resample;

/**
 * Separable 2-D resizing in double precision (position tables, patch kernels) with the resampler's antialiased
 * weights (METHODS.md, "AA-bicubic"): scale s = in/out, support S·max(s,1), centre s·(i+0.5), weights normalised to
 * sum 1, align_corners=False.
 */
public final class AntialiasResize {
	private AntialiasResize() {
	}

	/** (out × in) matrix: row i holds the weights of output sample i ({@link Resample#matrix}). */
	public static double[][] matrix(int in, int out, Filter filter) {
		return Resample.matrix(in, out, filter.mode());
	}

	/**
	 * Resizes {@code channels} planes of h×w (channel-major, row-major) to outH×outW: width pass, then height pass,
	 * as PyTorch does.
	 */
	public static double[] resize(double[] planes, int channels, int h, int w, int outH, int outW, Filter filter) {
		double[][] mw = matrix(w, outW, filter);
		double[][] mh = matrix(h, outH, filter);
		double[] out = new double[channels * outH * outW];
		double[] rows = new double[h * outW];
		for (int c = 0; c < channels; c++) {
			int base = c * h * w;
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < outW; x++) {
					double s = 0;
					for (int j = 0; j < w; j++) {
						s += mw[x][j] * planes[base + y * w + j];
					}
					rows[y * outW + x] = s;
				}
			}
			int obase = c * outH * outW;
			for (int y = 0; y < outH; y++) {
				for (int x = 0; x < outW; x++) {
					double s = 0;
					for (int j = 0; j < h; j++) {
						s += mh[y][j] * rows[j * outW + x];
					}
					out[obase + y * outW + x] = s;
				}
			}
		}
		return out;
	}
}

package org.medad.nn.resample;

/**
 * Antialiased 1-D resize matrices and separable 2-D resizing in double precision (METHODS.md, "AA-bicubic"): scale
 * s = in/out, support S·max(s,1), centre s·(i+0.5), weights normalised to sum 1, align_corners=False.
 */
public final class AntialiasResize {
	private AntialiasResize() {
	}

	/** (out × in) matrix: row i holds the weights of output sample i. */
	public static double[][] matrix(int in, int out, Filter filter) {
		double scale = (double) in / out;
		double stretch = Math.max(scale, 1);
		double support = filter.support() * stretch;
		double[][] m = new double[out][in];
		for (int i = 0; i < out; i++) {
			double centre = scale * (i + 0.5);
			int lo = Math.max((int) (centre - support + 0.5), 0);
			int hi = Math.min((int) (centre + support + 0.5), in);
			double total = 0;
			for (int j = lo; j < hi; j++) {
				m[i][j] = filter.weight((j - centre + 0.5) / stretch);
				total += m[i][j];
			}
			if (total != 0) {
				for (int j = lo; j < hi; j++) {
					m[i][j] /= total;
				}
			}
		}
		return m;
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

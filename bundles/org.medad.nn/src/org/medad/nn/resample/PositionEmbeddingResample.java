package org.medad.nn.resample;

/**
 * Resamples a learned position table to another patch grid the timm way (METHODS.md §1.2, §1.5, §2.1): prefix rows
 * (cls) unchanged, the grid rows reshaped to (g, g, D) and AA-bicubic resized (a = -0.5 even when upsampling).
 */
public final class PositionEmbeddingResample {
	private PositionEmbeddingResample() {
	}

	/** {@code table}: (prefixRows + oldGrid², dim) row-major → (prefixRows + newGrid², dim). */
	public static float[] resample(float[] table, int prefixRows, int oldGrid, int newGrid, int dim) {
		int expected = (prefixRows + oldGrid * oldGrid) * dim;
		if (table.length != expected) {
			throw new IllegalArgumentException("position table has " + table.length / dim + " rows, expected "
					+ prefixRows + " + " + oldGrid + "x" + oldGrid);
		}
		float[] out = new float[(prefixRows + newGrid * newGrid) * dim];
		System.arraycopy(table, 0, out, 0, prefixRows * dim);
		if (oldGrid == newGrid) {
			System.arraycopy(table, prefixRows * dim, out, prefixRows * dim, oldGrid * oldGrid * dim);
			return out;
		}
		double[] planes = new double[dim * oldGrid * oldGrid];
		for (int t = 0; t < oldGrid * oldGrid; t++) {
			for (int c = 0; c < dim; c++) {
				planes[c * oldGrid * oldGrid + t] = table[(prefixRows + t) * dim + c];
			}
		}
		double[] r = AntialiasResize.resize(planes, dim, oldGrid, oldGrid, newGrid, newGrid, Filter.BICUBIC);
		for (int t = 0; t < newGrid * newGrid; t++) {
			for (int c = 0; c < dim; c++) {
				out[(prefixRows + t) * dim + c] = (float) r[c * newGrid * newGrid + t];
			}
		}
		return out;
	}
}

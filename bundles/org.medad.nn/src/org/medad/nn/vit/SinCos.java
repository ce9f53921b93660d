package org.medad.nn.vit;

/** MAE's fixed 2-D sin-cos position table: half the channels encode the column, half the row (column first). */
public final class SinCos {
	private SinCos() {
	}

	/** (grid², dim) row-major; token t = h·grid + w gets [emb(w), emb(h)], emb(p) = [sin(p·ω_k), cos(p·ω_k)]. */
	public static float[] table2d(int dim, int grid) {
		if (dim % 4 != 0) {
			throw new IllegalArgumentException("sin-cos position embedding needs dim divisible by 4, got " + dim);
		}
		int quarter = dim / 4;
		float[] out = new float[grid * grid * dim];
		for (int h = 0; h < grid; h++) {
			for (int w = 0; w < grid; w++) {
				int base = (h * grid + w) * dim;
				for (int k = 0; k < quarter; k++) {
					double omega = Math.pow(10000, -(double) k / quarter);
					out[base + k] = (float) Math.sin(w * omega);
					out[base + quarter + k] = (float) Math.cos(w * omega);
					out[base + 2 * quarter + k] = (float) Math.sin(h * omega);
					out[base + 3 * quarter + k] = (float) Math.cos(h * omega);
				}
			}
		}
		return out;
	}
}

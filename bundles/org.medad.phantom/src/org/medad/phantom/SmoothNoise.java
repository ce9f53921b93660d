package org.medad.phantom;

import java.util.SplittableRandom;

import org.medad.core.image.Resample;

/** Band-limited random texture: octaves of random grids, bilinearly enlarged and summed (value noise). */
final class SmoothNoise {
	private SmoothNoise() {
	}

	/** Zero-mean texture of roughly unit standard deviation, coarsest cell = {@code size / cells}. */
	static float[] octaves(SplittableRandom rnd, int size, int cells, int octaves) {
		float[] out = new float[size * size];
		double amplitude = 1;
		double norm = 0;
		for (int o = 0; o < octaves; o++, cells *= 2, amplitude *= 0.5) {
			int g = cells + 1;
			float[] grid = new float[g * g];
			for (int i = 0; i < grid.length; i++) {
				grid[i] = (float) rnd.nextDouble(-1, 1);
			}
			float[] up = Resample.bilinear(grid, g, g, size, size);
			for (int i = 0; i < out.length; i++) {
				out[i] += (float) (amplitude * up[i]);
			}
			norm += amplitude * amplitude;
		}
		float scale = (float) (1.7 / Math.sqrt(norm));
		for (int i = 0; i < out.length; i++) {
			out[i] *= scale;
		}
		return out;
	}
}

package org.medad.detector.liverfreq.synth;

import java.util.Random;

/**
 * DRAEM's 2-D gradient (Perlin) noise (METHODS.md §3.1): random unit gradients on a (resY+1)×(resX+1) lattice,
 * fade 6t⁵−15t⁴+10t³, scaled by √2. The image side must be a multiple of the lattice resolution.
 */
public final class Perlin {
	private Perlin() {
	}

	public static float[] noise(int height, int width, int resY, int resX, Random random) {
		if (height % resY != 0 || width % resX != 0) {
			throw new IllegalArgumentException(height + "x" + width + " is not a multiple of the lattice " + resY + "x" + resX);
		}
		double[][] gy = new double[resY + 1][resX + 1];
		double[][] gx = new double[resY + 1][resX + 1];
		for (int i = 0; i <= resY; i++) {
			for (int j = 0; j <= resX; j++) {
				double angle = 2 * Math.PI * random.nextDouble();
				gy[i][j] = Math.cos(angle);
				gx[i][j] = Math.sin(angle);
			}
		}
		int cellY = height / resY;
		int cellX = width / resX;
		float[] out = new float[height * width];
		for (int y = 0; y < height; y++) {
			int ci = y / cellY;
			double ty = (double) (y % cellY) / cellY;
			double fy = fade(ty);
			for (int x = 0; x < width; x++) {
				int cj = x / cellX;
				double tx = (double) (x % cellX) / cellX;
				double fx = fade(tx);
				double n00 = gy[ci][cj] * ty + gx[ci][cj] * tx;
				double n10 = gy[ci + 1][cj] * (ty - 1) + gx[ci + 1][cj] * tx;
				double n01 = gy[ci][cj + 1] * ty + gx[ci][cj + 1] * (tx - 1);
				double n11 = gy[ci + 1][cj + 1] * (ty - 1) + gx[ci + 1][cj + 1] * (tx - 1);
				double top = n00 + fy * (n10 - n00);
				double bottom = n01 + fy * (n11 - n01);
				out[y * width + x] = (float) (Math.sqrt(2) * (top + fx * (bottom - top)));
			}
		}
		return out;
	}

	private static double fade(double t) {
		return ((6 * t - 15) * t + 10) * t * t * t;
	}
}

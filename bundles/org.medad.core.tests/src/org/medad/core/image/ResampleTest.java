package org.medad.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ResampleTest {

	@Test
	void bilinearUpsampleMatchesPyTorchAlignCornersFalse() {
		// torch.nn.functional.interpolate(torch.tensor([[[[0.,1.],[2.,3.]]]]), size=(4,4), mode='bilinear',
		// align_corners=False)
		float[] expected = { 0f, .25f, .75f, 1f, .5f, .75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2f, 2.25f, 2.75f,
				3f };
		assertArrayEquals(expected, Resample.bilinear(new float[] { 0, 1, 2, 3 }, 2, 2, 4, 4), 1e-6f);
	}

	@Test
	void areaDownsampleAveragesBlocks() {
		float[] src = { 1, 3, 5, 7, 1, 3, 5, 7 };
		assertArrayEquals(new float[] { 2, 6 }, Resample.area(src, 4, 2, 2, 1), 1e-6f);
	}

	@Test
	void nearestKeepsLabels() {
		float[] src = { 0, 1, 1, 0 };
		float[] up = Resample.nearest(src, 2, 2, 4, 4);
		assertArrayEquals(new float[] { 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0 }, up);
	}

	@Test
	void everyModesMatrixIsWhatItsResizeDoes() {
		int w = 13, h = 9;
		float[] src = new float[w * h];
		java.util.Random r = new java.util.Random(3);
		for (int i = 0; i < src.length; i++) {
			src[i] = r.nextFloat() * 100;
		}
		for (int[] size : new int[][] { { 5, 4 }, { 13, 9 }, { 29, 20 } }) {
			for (Resample.Mode mode : Resample.Mode.values()) {
				int nw = size[0], nh = size[1];
				double[][] mx = Resample.matrix(w, nw, mode);
				double[][] my = Resample.matrix(h, nh, mode);
				float[] got = Resample.resize(src, w, h, nw, nh, mode);
				for (int y = 0; y < nh; y++) {
					for (int x = 0; x < nw; x++) {
						double v = 0;
						for (int j = 0; j < h; j++) {
							for (int i = 0; i < w; i++) {
								v += my[y][j] * mx[x][i] * src[j * w + i];
							}
						}
						org.junit.jupiter.api.Assertions.assertEquals(v, got[y * nw + x], 1e-3,
								mode.label() + " " + nw + "x" + nh + " at " + x + "," + y);
					}
				}
				for (double[] row : mx) {
					double sum = 0;
					for (double d : row) {
						sum += d;
					}
					org.junit.jupiter.api.Assertions.assertEquals(1, sum, 1e-12, mode.label() + ": rows sum to 1");
				}
			}
		}
	}

	@Test
	void alignCornersKeepsTheCornerSamples() {
		double[][] m = Resample.matrix(3, 5, Resample.Mode.BILINEAR_ALIGN_CORNERS);
		assertArrayEquals(new double[] { 1, 0, 0 }, m[0]);
		assertArrayEquals(new double[] { 0.5, 0.5, 0 }, m[1]);
		assertArrayEquals(new double[] { 0, 0, 1 }, m[4]);
		// half-pixel centres: output 0 of 3 -> 5 sits at -0.3, clamped onto sample 0
		assertArrayEquals(new double[] { 1, 0, 0 }, Resample.matrix(3, 5, Resample.Mode.BILINEAR)[0]);
	}
}

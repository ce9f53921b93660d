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
}

package org.medad.io.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.medad.core.image.Images;
import org.medad.core.image.Resample;
import org.medad.core.image.Resample.Mode;
import org.medad.core.image.Volume;

class PreprocessTest {

	private static Volume slice(float[] v, int w, int h) {
		return Volume.ofPixels("t", Images.wrap(v, w, h));
	}

	private static float[] values(Volume v) {
		return Images.toArray(v.voxels());
	}

	@Test
	void bilinearUpsamplingMatchesHalfPixelInterpolation() {
		float[] up = Resample.resize(new float[] { 0, 1, 2, 3 }, 2, 2, 4, 4, Mode.BILINEAR);
		// torch.nn.functional.interpolate(..., size=4, mode="bilinear", align_corners=False)
		assertArrayEquals(new float[] { 0f, .25f, .75f, 1f, .5f, .75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2f,
				2.25f, 2.75f, 3f }, up, 1e-6f);
	}

	@Test
	void antialiasedHalvingAveragesLikePil() {
		// PIL Image.resize((2,1), BILINEAR) of the row [0, 4, 8, 12]: triangle of support 2 around centres 1 and 3:
		// out0 = (0*0.75 + 4*0.75 + 8*0.25)/(0.75+0.75+0.25) -> PIL normalises the clipped window
		float[] row = { 0, 4, 8, 12 };
		float[] aa = Resample.resize(row, 4, 1, 2, 1, Mode.BILINEAR_ANTIALIAS);
		assertEquals((0 * 0.75 + 4 * 0.75 + 8 * 0.25) / 1.75, aa[0], 1e-5);
		assertEquals((4 * 0.25 + 8 * 0.75 + 12 * 0.75) / 1.75, aa[1], 1e-5);
		float[] plain = Resample.resize(row, 4, 1, 2, 1, Mode.BILINEAR);
		assertArrayEquals(new float[] { 2, 10 }, plain, 1e-6f, "without antialias: sample between two pixels");
	}

	@Test
	void constantsStayConstantAndRampsStayLinear() {
		float[] c = new float[30 * 20];
		Arrays.fill(c, 7);
		for (Mode k : Mode.values()) {
			for (float v : Resample.resize(c, 30, 20, 11, 13, k)) {
				assertEquals(7, v, 1e-4, k.label());
			}
		}
		float[] ramp = new float[16];
		for (int i = 0; i < 16; i++) {
			ramp[i] = i;
		}
		// Keys' cubic with a = -0.5 (PIL, antialias mode) reproduces a line away from the borders
		float[] up = Resample.resize(ramp, 16, 1, 32, 1, Mode.BICUBIC_ANTIALIAS);
		for (int i = 4; i < 28; i++) {
			assertEquals((i + 0.5) / 2 - 0.5, up[i], 1e-5, "position " + i);
		}
		Volume v = new Resize(8, 4, Mode.NEAREST).apply(slice(new float[] { 1, 2, 3, 4 }, 2, 2));
		assertEquals(8, v.width());
		assertEquals(0.25, v.geometry().spacing()[0], 1e-9, "spacing scales with the resize: 2 px became 8");
	}

	@Test
	void normalisations() {
		Volume s = slice(new float[] { 0, 10, 20, 30, 40 }, 5, 1);
		assertArrayEquals(new float[] { 0, .25f, .5f, .75f, 1 }, values(Normalise.minMax().apply(s)), 1e-6f);
		float[] z = values(Normalise.zScore().apply(s));
		assertEquals(0, z[2], 1e-6);
		assertEquals(-z[0], z[4], 1e-6);
		assertArrayEquals(new float[] { -2, -1, 0, 1, 2 }, values(Normalise.meanStd(20, 10).apply(s)), 1e-6f);
		// numpy.percentile([0,10,20,30,40], [25, 75]) = 10, 30
		assertArrayEquals(new float[] { 0, 0, .5f, 1, 1 }, values(Normalise.percentile(25, 75).apply(s)), 1e-6f);
	}

	@Test
	void ctWindowClipsAndScales() {
		Volume s = slice(new float[] { -1000, -200, 25, 250, 3000 }, 5, 1);
		assertArrayEquals(new float[] { 0, 0, .5f, 1, 1 }, values(new CtWindow(-200, 250).apply(s)), 1e-6f);
	}

	@Test
	void greyToThreeChannels() {
		Volume rgb = new GreyToRgb().apply(slice(new float[] { 1, 2 }, 2, 1));
		assertEquals(3, rgb.channels());
		assertArrayEquals(new float[] { 1, 2, 1, 2, 1, 2 }, values(rgb));
	}

	@Test
	void liverRoiCentresTheOrganAndSmoothsWithinEdges() {
		int w = 300, h = 260;
		float[] img = new float[w * h];
		for (int y = 100; y < 140; y++) { // a 60x40 organ off-centre
			for (int x = 20; x < 80; x++) {
				img[y * w + x] = (x < 50 ? 100 : 200);
			}
		}
		Volume roi = LiverRoi.qfae().apply(slice(img, w, h));
		float[] v = values(roi);
		assertEquals(224, roi.width());
		// organ pasted unscaled at ((224-40)//2, (224-60)//2) = (92, 82)
		assertEquals(0, v[80 * 224 + 100], "background beyond the filter radius stays black");
		assertTrue(v[91 * 224 + 100] > 0, "the row above the organ is smoothed into it");
		assertEquals(100, v[110 * 224 + 90], 1, "flat region keeps its value");
		assertEquals(200, v[110 * 224 + 130], 1);
		assertTrue(v[110 * 224 + 112] - v[110 * 224 + 111] > 30, "the bilateral filter keeps the 100/200 edge: "
				+ v[110 * 224 + 111] + " | " + v[110 * 224 + 112]);
		for (float f : v) {
			assertEquals(Math.rint(f), f, 0, "uint8 values");
		}
	}
}

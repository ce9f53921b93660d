package org.medad.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PixelSamplesTest {

	/** Volumes of continuous scores (a smooth background, brighter lesions): binned within 1e-3 of exact. */
	@Test
	void binnedMetricsStayWithinOneThousandthOfExactOnVolumes() {
		PixelSamples exact = new PixelSamples();
		PixelSamples binned = new PixelSamples(0);
		PixelSamples switched = new PixelSamples(150_000); // exact for the first volumes, then folded
		Random r = new Random(7);
		int nx = 64, ny = 64, nz = 24;
		for (int v = 0; v < 6; v++) {
			float[] map = new float[nx * ny * nz];
			float[] mask = new float[map.length];
			int cx = 10 + r.nextInt(40), cy = 10 + r.nextInt(40), cz = 4 + r.nextInt(14), rad = 3 + r.nextInt(6);
			for (int z = 0; z < nz; z++) {
				for (int y = 0; y < ny; y++) {
					for (int x = 0; x < nx; x++) {
						int i = (z * ny + y) * nx + x;
						boolean lesion = v % 3 != 2 && (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= rad * rad;
						mask[i] = lesion ? 1 : 0;
						map[i] = (float) (0.3 + 0.1 * r.nextGaussian() + (lesion ? 0.15 : 0));
					}
				}
			}
			exact.add(map, mask, nx, ny, nz);
			binned.add(map, mask, nx, ny, nz);
			switched.add(map, mask, nx, ny, nz);
		}
		Curve e = exact.curve();
		assertFalse(e.binned());
		assertEquals(4, e.regions());
		double auroc = Auroc.of(e);
		double aupro = Aupro.of(e);
		assertTrue(auroc > 0.7 && auroc < 0.95, "a separable but imperfect map: " + auroc);
		for (PixelSamples p : new PixelSamples[] { binned, switched }) {
			Curve b = p.curve();
			assertTrue(b.binned());
			assertEquals(e.positives(), b.positives());
			assertEquals(e.negatives(), b.negatives());
			assertEquals(4, b.regions());
			assertEquals(auroc, Auroc.of(b), 1e-3);
			assertEquals(aupro, Aupro.of(b), 1e-3);
			assertEquals(AveragePrecision.of(e), AveragePrecision.of(b), 1e-3);
			assertEquals(exact.normalPercentile(99), p.normalPercentile(99), 1e-3);
		}
	}

	/** Bins follow the float order through zero and the negative numbers, -0 and 0 being one score. */
	@Test
	void binsOrderNegativeZeroAndPositiveScores() {
		PixelSamples b = new PixelSamples(0);
		b.add(new float[] { -2f, -0f, 0f, 0.5f, -1e-30f, 3f }, new float[] { 0, 0, 0, 1, 0, 1 }, 6);
		Curve c = b.curve();
		assertEquals(1.0, Auroc.of(c), 1e-12);
		assertEquals(3.0, c.threshold(0), 3.0 / 2048);
		assertTrue(c.threshold(c.size() - 1) <= -2f);
		for (int i = 1; i < c.size(); i++) {
			assertTrue(c.threshold(i) < c.threshold(i - 1));
		}
		assertEquals(5, c.size(), "-0 and 0 share a bin");
	}

	@Test
	void refusesNaNAndMismatchedGrids() {
		PixelSamples p = new PixelSamples();
		assertThrows(IllegalArgumentException.class, () -> p.add(new float[] { 0, Float.NaN }, new float[2], 2));
		assertThrows(IllegalArgumentException.class, () -> p.add(new float[4], new float[4], 3, 2));
	}

	/** Two regions of different size weigh equally in PRO: the small one fully found counts as much as the large. */
	@Test
	void regionOverlapWeighsRegionsEqually() {
		float[] mask = { 1, 0, 0, 0, 0, //
				0, 0, 0, 1, 1, //
				0, 0, 0, 1, 1 };
		float[] map = { 0.9f, 0.1f, 0.1f, 0.1f, 0.1f, //
				0.1f, 0.1f, 0.1f, 0.9f, 0.2f, //
				0.1f, 0.1f, 0.1f, 0.2f, 0.2f };
		PixelSamples p = new PixelSamples();
		p.add(map, mask, 5, 3);
		Overlap o = Overlap.at(p.curve(), 0.5);
		assertEquals((1.0 + 0.25) / 2, o.regionOverlap(), 1e-12);
		assertEquals(2.0 * 2 / (2 + 0 + 5), o.dice(), 1e-12);
		assertEquals(2.0 / 5, o.iou(), 1e-12);
		assertEquals(2, p.regions());
	}
}

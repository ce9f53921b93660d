package org.medad.detector.qfae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The augmentations keep the image's range and size, repeat under a seed, and move pixels as their parameters say. */
class AugmentTest {
	static final int SIDE = 32;

	static float[] gradient() {
		float[] x = new float[3 * SIDE * SIDE];
		for (int c = 0; c < 3; c++) {
			for (int y = 0; y < SIDE; y++) {
				for (int u = 0; u < SIDE; u++) {
					x[(c * SIDE + y) * SIDE + u] = (y + 0.5f * c) / (SIDE + 1f);
				}
			}
		}
		return x;
	}

	@Test
	void seededRunsRepeatAndStayInRange() {
		float[] a = Augment.apply(gradient(), SIDE, new Random(5));
		float[] b = Augment.apply(gradient(), SIDE, new Random(5));
		assertArrayEquals(a, b);
		assertFalse(Arrays.equals(a, Augment.apply(gradient(), SIDE, new Random(6))));
		for (float v : a) {
			assertTrue(v >= 0 && v <= 1, "value " + v);
		}
	}

	@Test
	void flipReversesRowsInEveryChannel() {
		float[] x = gradient();
		Augment.flipVertical(x, SIDE);
		assertEquals(gradient()[(2 * SIDE + SIDE - 1) * SIDE + 3], x[(2 * SIDE) * SIDE + 3]);
		Augment.flipVertical(x, SIDE);
		assertArrayEquals(gradient(), x);
	}

	@Test
	void rotationByZeroIsTheImageAndNinetyTurnsRowsIntoColumns() {
		assertArrayEquals(gradient(), Augment.rotate(gradient(), SIDE, 0));
		float[] r = Augment.rotate(gradient(), SIDE, 90);
		// a vertical gradient becomes horizontal: constant down each column, varying along the row
		assertEquals(r[5 * SIDE + 7], r[20 * SIDE + 7], 1e-6);
		assertTrue(Math.abs(r[5 * SIDE + 7] - r[5 * SIDE + 20]) > 0.1);
	}

	@Test
	void contrastBlendsWithTheGreyMeanAndBrightnessScales() {
		float[] x = gradient();
		double mean = 0;
		for (int i = 0; i < SIDE * SIDE; i++) {
			mean += 0.2989 * x[i] + 0.587 * x[SIDE * SIDE + i] + 0.114 * x[2 * SIDE * SIDE + i];
		}
		mean /= SIDE * SIDE;
		float[] c = x.clone();
		Augment.contrast(c, SIDE, 0.9);
		assertEquals(0.9 * x[100] + 0.1 * mean, c[100], 1e-6);
		float[] b = x.clone();
		Augment.brightness(b, 1.1);
		assertEquals(Math.min(1, x[900] * 1.1), b[900], 1e-6);
	}

	@Test
	void cropBoxesKeepNinetyToAHundredPercentAtTheAspectBounds() {
		Random r = new Random(3);
		for (int i = 0; i < 200; i++) {
			int[] b = Augment.cropBox(SIDE, r);
			double area = (double) b[2] * b[3] / (SIDE * SIDE);
			double aspect = (double) b[3] / b[2];
			assertTrue(area >= 0.85 && area <= 1.0, "area " + area); // the sides are rounded: a little under 0.9
			assertTrue(aspect >= 0.78 && aspect <= 1.22, "aspect " + aspect);
			assertTrue(b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= SIDE && b[1] + b[3] <= SIDE, Arrays.toString(b));
		}
	}
}

package org.medad.ui.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoreHistogramTest {

	@Test
	void bothClassesShareTheBinsOverTheirJointRange() {
		ScoreHistogram h = ScoreHistogram.of(new double[] { 0, 0.1, 0.3 }, new double[] { 0.9, 1.0, 0.55 }, 4);
		assertEquals(0, h.low(), 0);
		assertEquals(0.25, h.width(), 1e-12);
		assertArrayEquals(new int[] { 2, 1, 0, 0 }, h.normal());
		assertArrayEquals(new int[] { 0, 0, 1, 2 }, h.anomalous(), "the maximum counts in the last bin");
		assertEquals(0.125, h.centre(0), 1e-12);
	}

	@Test
	void equalOrMissingScoresStillGiveBins() {
		ScoreHistogram same = ScoreHistogram.of(new double[] { 2, 2 }, new double[0], 3);
		assertArrayEquals(new int[] { 2, 0, 0 }, same.normal());
		assertEquals(3, ScoreHistogram.of(new double[0], new double[0], 3).bins());
	}
}

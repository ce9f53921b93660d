package org.medad.ui.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The chart's points: every curve in arrival order, long ones thinned to means of equal runs, the last kept. */
class TrainingCurvesTest {

	@Test
	void shortCurvesComeWholeInArrivalOrder() {
		TrainingCurves c = new TrainingCurves();
		long v0 = c.version();
		c.add("loss", 1, 0.9);
		c.add("lr", 1, 1e-4);
		c.add("loss", 2, 0.7);
		c.add("loss", 3, Double.NaN); // a diverged step: not drawable
		assertNotEquals(v0, c.version());
		assertEquals(List.of("loss", "lr"), c.names());
		var s = c.snapshot(100);
		assertArrayEquals(new double[] { 1, 2 }, s.get(0).steps());
		assertArrayEquals(new double[] { 0.9, 0.7 }, s.get(0).values());
		assertEquals(1, s.get(1).size());
		c.clear();
		assertEquals(List.of(), c.names());
	}

	@Test
	void longCurvesAreThinnedToTheLimitWithTheLatestPointKept() {
		TrainingCurves c = new TrainingCurves();
		for (int step = 1; step <= 10_001; step++) {
			c.add("loss", step, step % 2 == 0 ? 1 : 3); // alternating: each mean of an even run is 2
		}
		assertEquals(10_001, c.count("loss"));
		TrainingCurves.Series s = c.snapshot(101).get(0);
		assertEquals(101, s.size());
		assertEquals(10_001, s.steps()[100], 0.0, "the latest step is shown as it is");
		assertEquals(3, s.values()[100], 0.0);
		for (int i = 0; i < 100; i++) {
			assertEquals(2, s.values()[i], 1e-12, "bucket " + i + " is the mean of its 100 steps");
			assertEquals(100 * i + 50.5, s.steps()[i], 1e-9, "at the mean step of its run");
		}
	}
}

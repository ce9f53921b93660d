package org.medad.detector.liverfreq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** α goes from 1 to 0 in 1/decay epochs whatever the number of steps per epoch, and stays there. */
class AlphaScheduleTest {

	@Test
	void reachesZeroAfterTwentyEpochsAtTheDefaultRate() {
		AlphaSchedule s = new AlphaSchedule(0.05, 7);
		float a = 1f;
		for (int i = 0; i < 7 * 10; i++) {
			a = s.after(a);
		}
		assertEquals(0.5f, a, 1e-5f, "half-way after 10 epochs");
		for (int i = 0; i < 7 * 10; i++) {
			a = s.after(a);
		}
		assertEquals(0f, a, 1e-5f);
		assertEquals(0f, s.after(0f), 0f);
	}

	@Test
	void learningRateDropsAtEightyAndNinetyPercent() {
		MultiStepLr lr = MultiStepLr.liverfreq(1e-4, 100);
		assertEquals(1e-4f, lr.at(79), 1e-12f);
		assertEquals(2e-5f, lr.at(80), 1e-12f);
		assertEquals(4e-6f, lr.at(90), 1e-12f);
		assertEquals(4e-6f, MultiStepLr.liverfreq(1e-4, 2).at(5), 1e-12f, "short runs still work");
	}
}

package org.medad.detector.liverfreq;

/** WDMT's skip weight: starts at 1 and loses {@code decayPerEpoch} over each epoch's steps, never below 0. */
record AlphaSchedule(double decayPerEpoch, int stepsPerEpoch) {

	float after(float alpha) {
		return Math.max(0f, alpha - (float) (decayPerEpoch / stepsPerEpoch));
	}
}

package org.medad.detector.liverfreq;

import ai.djl.training.tracker.Tracker;

/** PyTorch's MultiStepLR for two milestones (in optimiser steps): the rate is multiplied by {@code factor} at each. */
record MultiStepLr(float base, int first, int second, float factor) implements Tracker {

	/** Milestones at 80% and 90% of the steps, ×0.2 each (METHODS.md §3.4). */
	static MultiStepLr liverfreq(double lr, int totalSteps) {
		return new MultiStepLr((float) lr, (int) (0.8 * totalSteps), (int) (0.9 * totalSteps), 0.2f);
	}

	@Override
	public float getNewValue(int update) {
		float v = base;
		if (update >= first) {
			v *= factor;
		}
		if (update >= second) {
			v *= factor;
		}
		return v;
	}
}

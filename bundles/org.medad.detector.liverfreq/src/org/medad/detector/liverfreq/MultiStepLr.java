package org.medad.detector.liverfreq;

/** PyTorch's MultiStepLR for two milestones (in optimiser steps): the rate is multiplied by {@code factor} at each. */
record MultiStepLr(float base, int first, int second, float factor) {

	/** Milestones at 80% and 90% of the steps, ×0.2 each (METHODS.md §3.4). */
	static MultiStepLr liverfreq(double lr, int totalSteps) {
		return new MultiStepLr((float) lr, (int) (0.8 * totalSteps), (int) (0.9 * totalSteps), 0.2f);
	}

	/** The rate of optimiser step {@code step} (counted from 1). */
	float at(int step) {
		float v = base;
		if (step >= first) {
			v *= factor;
		}
		if (step >= second) {
			v *= factor;
		}
		return v;
	}
}

package org.medad.detector.qfae.train;

/**
 * PyTorch's OneCycleLR as QFAE uses it (METHODS.md §1.7): two phases with cosine annealing, stepped every batch;
 * the learning rate rises from max/div to max over the first {@code pctStart} of the steps and falls to
 * max/(div·finalDiv), while Adam's β1 cycles the other way, 0.95 → 0.85 → 0.95. Optimiser step t (0-based) uses
 * the values at t.
 */
public record OneCycle(int totalSteps, double maxLr, double pctStart, double div, double finalDiv, double baseMomentum,
		double maxMomentum) {

	public OneCycle {
		if (totalSteps < 1) {
			throw new IllegalArgumentException("one-cycle schedule over " + totalSteps + " steps");
		}
	}

	/** The official code's: div 25, final div 1e4, β1 0.85-0.95. */
	public static OneCycle qfae(int totalSteps, double maxLr, double pctStart) {
		return new OneCycle(totalSteps, maxLr, pctStart, 25, 1e4, 0.85, 0.95);
	}

	public double lr(int step) {
		double initial = maxLr / div;
		return value(step, initial, maxLr, initial / finalDiv);
	}

	public double beta1(int step) {
		return value(step, maxMomentum, baseMomentum, maxMomentum);
	}

	private double value(int step, double start, double peak, double end) {
		double end1 = pctStart * totalSteps - 1;
		double end2 = totalSteps - 1;
		if (step <= end1) {
			return anneal(start, peak, end1 <= 0 ? 1 : step / end1); // PyTorch divides by zero here; the peak
		}
		return anneal(peak, end, (step - end1) / (end2 - end1));
	}

	private static double anneal(double from, double to, double pct) {
		return to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1);
	}
}

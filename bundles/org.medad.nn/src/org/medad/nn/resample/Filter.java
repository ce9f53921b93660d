package org.medad.nn.resample;

/** Resampling kernels with PyTorch's antialias=True (= PIL) semantics: Keys cubic a = -0.5, or the triangle. */
public enum Filter {
	BICUBIC(2), BILINEAR(1);

	private final double support;

	Filter(double support) {
		this.support = support;
	}

	double support() {
		return support;
	}

	double weight(double x) {
		x = Math.abs(x);
		if (this == BILINEAR) {
			return x < 1 ? 1 - x : 0;
		}
		double a = -0.5;
		if (x < 1) {
			return ((a + 2) * x - (a + 3)) * x * x + 1;
		}
		if (x < 2) {
			return ((x - 5) * x + 8) * x * a - 4 * a;
		}
		return 0;
	}
}

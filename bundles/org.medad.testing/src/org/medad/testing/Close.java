package org.medad.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.medad.core.model.Tensor;

import ai.djl.ndarray.NDArray;

/** Numeric comparison against reference outputs: same shape, every value within an absolute tolerance. */
public final class Close {
	private Close() {
	}

	public static void assertClose(Tensor expected, NDArray actual, double tol, String what) {
		assertArrayEquals(expected.shape(), actual.getShape().getShape(), what + ": shape");
		assertClose(expected.data(), actual.toFloatArray(), tol, what);
	}

	/** Reports the worst element; a NaN anywhere fails. */
	public static void assertClose(float[] expected, float[] actual, double tol, String what) {
		if (expected.length != actual.length) {
			fail(what + ": " + actual.length + " values, expected " + expected.length);
		}
		double worst = 0;
		int at = -1;
		for (int i = 0; i < expected.length; i++) {
			double d = Math.abs(expected[i] - actual[i]);
			if (!(d <= worst)) {
				worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
				at = i;
			}
		}
		if (worst > tol) {
			fail(String.format("%s: at %d expected %g, got %g (largest difference %.3g, tolerance %.3g)", what, at,
					expected[at], actual[at], worst, tol));
		}
	}
}

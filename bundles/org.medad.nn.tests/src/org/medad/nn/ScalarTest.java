package org.medad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The backward pass reads the numbers of {@link Scalar} operations correctly even after the Java heap was collected
 * and native memory reused between forward and backward (the situation in which DJL's own number operations read
 * freed memory).
 */
class ScalarTest {

	/** Collects garbage and fills freshly allocated direct buffers with NaN, so that freed memory holds NaN. */
	static void pressure() {
		for (int round = 0; round < 5; round++) {
			System.gc();
			List<ByteBuffer> junk = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				ByteBuffer b = ByteBuffer.allocateDirect(4);
				b.putFloat(0, Float.NaN);
				junk.add(b);
			}
		}
	}

	@Test
	void gradientsOfNumberOperationsSurviveCollection() throws Exception {
		try (NDManager m = NnTesting.manager()) {
			for (int trial = 0; trial < 20; trial++) {
				try (NDManager step = m.newSubManager()) {
					NDArray x = step.full(new Shape(64), 2f);
					x.setRequiresGradient(true);
					try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
						// d/dx [3x + x^2 + x/4 + max(x, 1)] = 3 + 2x + 0.25 + 1 = 8.25 at x = 2
						NDArray y = Scalar.mul(x, 3).add(Scalar.pow(x, 2)).add(Scalar.div(x, 4)).add(Scalar.max(x, 1));
						pressure();
						gc.backward(y.sum());
					}
					float[] g = x.getGradient().toFloatArray();
					for (float v : g) {
						assertEquals(8.25f, v, 1e-6f, "trial " + trial);
					}
				}
			}
		}
	}
}

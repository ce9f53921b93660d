package org.medad.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.medad.core.error.ModelException;
import org.medad.nn.NnTesting;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/** A step's gradients are handed over when finite and stop the run, naming the tensors, when not. */
class GradientsTest {

	@Test
	void finiteGradientsAreReturnedAndANanAnywhereStopsTheRun() throws Exception {
		try (NDManager m = NnTesting.manager(); NDManager step = m.newSubManager()) {
			NDArray a = m.create(new float[] { 1, 2, 3 });
			NDArray b = m.create(new float[] { 4, 5 });
			Map<String, NDArray> weights = new LinkedHashMap<>();
			weights.put("a", a);
			weights.put("b", b);
			weights.values().forEach(w -> w.setRequiresGradient(true));
			try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
				gc.backward(a.mul(a).sum().add(b.sum()));
			}
			Map<String, NDArray> grads = Gradients.finite(weights, step, 1.5f, "epoch 1, step 1");
			assertArrayEquals(new float[] { 2, 4, 6 }, grads.get("a").toFloatArray(), 0f);
			assertArrayEquals(new float[] { 1, 1 }, grads.get("b").toFloatArray(), 0f);

			try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
				// d/db of sqrt(b - 5) at b = 5 is infinite; b = 4 gives NaN
				gc.backward(a.sum().add(b.sub(5).sqrt().sum()));
			}
			ModelException e = assertThrows(ModelException.class, () -> Gradients.finite(weights, step, 0.25f,
					"epoch 2, step 7"));
			assertEquals("training diverged at epoch 2, step 7: loss 0.25 but non-finite gradients in 1 tensors,"
					+ " first [b]", e.getMessage());
			assertTrue(e.exitCode() == 4);
		}
	}
}

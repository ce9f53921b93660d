package org.medad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.nn.NnTesting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Adam's arithmetic against PyTorch's formula in double precision, and an exact continuation from its saved state. */
class AdamTest {
	private static final float[] START = { 0.5f, -1.2f, 2.0f, 0f };

	private static double rate(int step) {
		return step < 3 ? 0.1 : 0.01;
	}

	/** A gradient sequence with changing signs and scales, so that both moments matter. */
	private static float[] gradient(int step) {
		// the last is as small as ε, where PyTorch's placement of ε decides the step
		return new float[] { 0.3f * step, -1f / step, (step % 2 == 0 ? 2f : -0.5f), 2e-8f };
	}

	private static Map<String, NDArray> weights(NDManager m, float[] values) {
		Map<String, NDArray> w = new LinkedHashMap<>();
		w.put("w", m.create(values));
		return w;
	}

	private static void run(Adam adam, Map<String, NDArray> w, int from, int to) {
		for (int t = from; t <= to; t++) {
			Map<String, NDArray> g = Map.of("w", w.get("w").getManager().create(gradient(t)));
			adam.step(w, g);
			g.get("w").close();
		}
	}

	@Test
	void matchesTheReferenceFormula() throws Exception {
		double[] w = new double[START.length];
		double[] m = new double[START.length];
		double[] v = new double[START.length];
		for (int i = 0; i < w.length; i++) {
			w[i] = START[i];
		}
		for (int t = 1; t <= 6; t++) {
			float[] g = gradient(t);
			for (int i = 0; i < w.length; i++) {
				// torch.optim.Adam (single-tensor form)
				m[i] = 0.9 * m[i] + 0.1 * g[i];
				v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
				double mHat = m[i] / (1 - Math.pow(0.9, t));
				double vHat = v[i] / (1 - Math.pow(0.999, t));
				w[i] -= rate(t) * mHat / (Math.sqrt(vHat) + 1e-8);
			}
		}
		try (NDManager mgr = NnTesting.manager()) {
			Map<String, NDArray> weights = weights(mgr, START);
			Adam adam = new Adam(AdamTest::rate);
			run(adam, weights, 1, 6);
			assertEquals(6, adam.steps());
			float[] got = weights.get("w").toFloatArray();
			for (int i = 0; i < w.length; i++) {
				assertEquals(w[i], got[i], 1e-5, "weight " + i);
			}
			assertTrue(Math.abs(got[0] - START[0]) > 0.1, "the weights moved");
		}
	}

	@Test
	void continuesExactlyFromItsState() throws Exception {
		try (NDManager mgr = NnTesting.manager()) {
			Map<String, NDArray> unbroken = weights(mgr, START);
			Adam a = new Adam(AdamTest::rate);
			run(a, unbroken, 1, 5);

			Map<String, NDArray> first = weights(mgr, START);
			Adam b = new Adam(AdamTest::rate);
			run(b, first, 1, 3);
			Map<String, Tensor> state = b.state();
			assertEquals(java.util.Set.of("mean.w", "variance.w"), state.keySet());

			Map<String, NDArray> second = weights(mgr, first.get("w").toFloatArray());
			Adam c = new Adam(AdamTest::rate);
			c.restore(second, state, b.steps());
			run(c, second, 4, 5);
			assertEquals(5, c.steps());
			assertArrayEquals(unbroken.get("w").toFloatArray(), second.get("w").toFloatArray(), 0f);
		}
	}

	@Test
	void stateOfAnotherModelIsRefused() throws Exception {
		try (NDManager mgr = NnTesting.manager()) {
			Map<String, NDArray> w = weights(mgr, START);
			Map<String, Tensor> wrong = Map.of("mean.w", Tensor.of(new float[3], 3), "variance.w",
					Tensor.of(new float[3], 3));
			ModelException e = assertThrows(ModelException.class, () -> new Adam(AdamTest::rate).restore(w, wrong, 2));
			assertTrue(e.getMessage().contains("w moments have shape [3]"), e.getMessage());
			ModelException missing = assertThrows(ModelException.class,
					() -> new Adam(AdamTest::rate).restore(w, Map.of(), 2));
			assertTrue(missing.getMessage().contains("missing moments of w"), missing.getMessage());
		}
	}
}

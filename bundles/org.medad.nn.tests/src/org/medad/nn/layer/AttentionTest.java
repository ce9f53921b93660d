package org.medad.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.medad.nn.NnTesting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Attention in (image, head) groups gives what the whole map gives, with and without a mask, forward and backward. */
class AttentionTest {

	@Test
	void groupsOfTheMapGiveTheWholeMapsResult() throws Exception {
		try (NDManager m = NnTesting.manager()) {
			m.getEngine().setRandomSeed(7);
			NDArray q = m.randomNormal(new Shape(3, 5, 40, 8));
			NDArray k = m.randomNormal(new Shape(3, 5, 40, 8));
			NDArray v = m.randomNormal(new Shape(3, 5, 40, 8));
			NDArray mask = m.randomNormal(new Shape(40, 40));
			float[] whole = Attention.attention(q, k, v, null, 0).toFloatArray();
			// 40 x 40 x 4 bytes = 6,400 per map: groups of 2 maps, then one map at a time
			for (long bytes : new long[] { 12_800, 1 }) {
				NDArray grouped = Attention.attention(q, k, v, null, bytes);
				assertEquals(new Shape(3, 5, 40, 8), grouped.getShape());
				assertArrayEquals(whole, grouped.toFloatArray(), 1e-6f, bytes + " bytes a group");
			}
			assertArrayEquals(Attention.attention(q, k, v, mask, 0).toFloatArray(),
					Attention.attention(q, k, v, mask, 12_800).toFloatArray(), 1e-6f, "masked");
		}
	}

	@Test
	void gradientsFlowThroughTheGroupsAsThroughTheWhole() throws Exception {
		float[][] grads = new float[2][];
		for (int run = 0; run < 2; run++) {
			try (NDManager m = NnTesting.manager()) {
				m.getEngine().setRandomSeed(11);
				NDArray q = m.randomNormal(new Shape(2, 3, 20, 4));
				NDArray k = m.randomNormal(new Shape(2, 3, 20, 4));
				NDArray v = m.randomNormal(new Shape(2, 3, 20, 4));
				q.setRequiresGradient(true);
				try (ai.djl.training.GradientCollector c = m.getEngine().newGradientCollector()) {
					NDArray out = Attention.attention(q, k, v, null, run == 0 ? 0 : 1600);
					c.backward(out.mul(out).sum());
				}
				grads[run] = q.getGradient().toFloatArray();
			}
		}
		assertArrayEquals(grads[0], grads[1], 1e-5f);
	}
}

package org.medad.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * 200 forward passes, each in a per-batch sub-manager as the detectors run them: no array survives its batch,
 * no manager stays open, and resident memory stays flat after warm-up.
 */
class MemoryHygieneTest {

	@Test
	void twoHundredForwardPassesLeaveNothingBehind() throws Exception {
		ComputeService compute = ComputeServiceTest.compute != null ? ComputeServiceTest.compute
				: ComputeServiceTest.service(ComputeService.class);
		int managersBefore = compute.openManagers();
		try (NDManager model = compute.newManager(compute.select("cpu"))) {
			NDArray w1 = model.randomNormal(0, 0.05f, new Shape(512, 256), ai.djl.ndarray.types.DataType.FLOAT32);
			NDArray b1 = model.zeros(new Shape(512));
			NDArray w2 = model.randomNormal(0, 0.05f, new Shape(256, 512), ai.djl.ndarray.types.DataType.FLOAT32);
			NDArray gamma = model.ones(new Shape(512));
			NDArray beta = model.zeros(new Shape(512));
			int parameters = model.getManagedArrays().size();
			long warm = 0;
			for (int pass = 0; pass < 200; pass++) {
				try (NDManager batch = model.newSubManager()) {
					NDArray x = batch.randomUniform(-1, 1, new Shape(32, 196, 256));
					NDArray h = Linear.linear(x, w1, b1).singletonOrThrow();
					h = LayerNorm.layerNorm(h, new Shape(512), gamma, beta, 1e-6f).singletonOrThrow();
					h = Activation.gelu(h);
					float sum = Linear.linear(h, w2).singletonOrThrow().sum().getFloat();
					assertTrue(Float.isFinite(sum));
				}
				if (pass == 19) {
					warm = NativeMemory.residentBytes();
				}
			}
			long after = NativeMemory.residentBytes();
			assertEquals(parameters, model.getManagedArrays().size(), "arrays leaked out of the per-batch managers");
			// One pass allocates ~80 MB of activations, the smallest of them 12.8 MB: leaking even that one per pass
			// grows by 2.3 GB over 180 passes. The allocator's own drift (per-thread arenas it keeps, fragmentation)
			// was measured up to 74 MB on CI machines, so the bound sits between the two.
			assertTrue(after - warm < 512L << 20,
					"resident memory grew by " + ((after - warm) >> 20) + " MB over 180 passes after warm-up");
		}
		assertEquals(managersBefore, compute.openManagers(), "managers left open");
	}
}

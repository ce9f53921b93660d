package org.medad.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.ModelException;
import org.medad.core.model.Safetensors;
import org.medad.core.model.Tensor;
import org.medad.core.model.TensorStore;
import org.medad.nn.Container;
import org.medad.nn.NnTesting;
import org.medad.nn.layer.LayerNorm;
import org.medad.nn.layer.Linear;

import ai.djl.ndarray.NDManager;

/** Loading a module tensor by tensor from a file, through one staging buffer, as large foundation models load. */
class StateDictsTest {
	@TempDir
	Path tmp;

	private static Container model(NDManager m) {
		Container c = new Container(m);
		c.add("fc", new Linear(m, 3, 4, true));
		c.add("norm", new LayerNorm(m, 4, 1e-6));
		return c;
	}

	/** Distinct values for every tensor of {@link #model}: a mix-up between tensors or a stale staging byte shows. */
	private static Map<String, Tensor> weights() {
		Map<String, Tensor> w = new LinkedHashMap<>();
		w.put("fc.weight", Tensor.of(ramp(12, 0.5f), 4, 3));
		w.put("fc.bias", Tensor.of(ramp(4, -3f), 4));
		w.put("norm.weight", Tensor.of(ramp(4, 10f), 4));
		w.put("norm.bias", Tensor.of(ramp(4, -20f), 4));
		return w;
	}

	private static float[] ramp(int n, float start) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) {
			v[i] = start + 0.25f * i;
		}
		return v;
	}

	@Test
	void aModuleLoadsFromAnOpenFileWithEveryValueInItsPlace() throws Exception {
		Path f = tmp.resolve("w.safetensors");
		Safetensors.write(f, weights());
		try (NDManager m = NnTesting.manager(); TensorStore s = Safetensors.open(f)) {
			Container c = model(m);
			StateDicts.load(c, s, f.toString());
			Map<String, Tensor> back = StateDicts.save(c);
			for (Map.Entry<String, Tensor> e : weights().entrySet()) {
				assertArrayEquals(e.getValue().data(), back.get(e.getKey()).data(), e.getKey());
			}
		}
	}

	@Test
	void keysAndShapesAreCheckedBeforeAnyValueIsRead() throws Exception {
		Map<String, Tensor> w = weights();
		w.put("norm.bias", Tensor.of(new float[5], 5));
		List<String> reads = new ArrayList<>();
		TensorStore base = TensorStore.of(w);
		TensorStore counting = new TensorStore() {
			@Override
			public Map<String, long[]> shapes() {
				return base.shapes();
			}

			@Override
			public void read(String name, ByteBuffer into) throws ModelException {
				reads.add(name);
				base.read(name, into);
			}

			@Override
			public void close() {
			}
		};
		try (NDManager m = NnTesting.manager()) {
			Container c = model(m);
			float before = c.namedParams().get("fc.weight").get().getFloat(0, 0);
			ModelException e = assertThrows(ModelException.class, () -> StateDicts.load(c, counting, "bad.safetensors"));
			assertTrue(e.getMessage().startsWith("bad.safetensors does not fit the model")
					&& e.getMessage().contains("norm.bias: checkpoint (5), model (4)"), e.getMessage());
			assertEquals(List.of(), reads, "no value read");
			assertEquals(before, c.namedParams().get("fc.weight").get().getFloat(0, 0), "nothing loaded");
		}
	}
}

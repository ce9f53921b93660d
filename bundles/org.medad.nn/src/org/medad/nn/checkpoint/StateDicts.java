package org.medad.nn.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.core.model.TensorStore;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Moves tensors between checkpoints (name → heap tensor) and modules, checking names and shapes first. */
public final class StateDicts {
	private StateDicts() {
	}

	public static KeyReport compare(Module model, Map<String, Tensor> state) {
		return compareShapes(model, TensorStore.of(state).shapes());
	}

	/** How tensors of these names and shapes line up with the model's. */
	public static KeyReport compareShapes(Module model, Map<String, long[]> shapes) {
		Map<String, Param> params = model.namedParams();
		List<String> missing = new ArrayList<>();
		List<String> misshaped = new ArrayList<>();
		for (Map.Entry<String, Param> e : params.entrySet()) {
			long[] s = shapes.get(e.getKey());
			if (s == null) {
				missing.add(e.getKey() + " " + e.getValue().shape());
			} else if (!new Shape(s).equals(e.getValue().shape())) {
				misshaped.add(e.getKey() + ": checkpoint " + new Shape(s) + ", model " + e.getValue().shape());
			}
		}
		List<String> unexpected = shapes.keySet().stream().filter(k -> !params.containsKey(k))
				.map(k -> k + " " + Arrays.toString(shapes.get(k))).toList();
		return new KeyReport(missing, unexpected, misshaped);
	}

	/** {@link #load(Module, TensorStore, String)} from tensors on the heap. */
	public static void load(Module model, Map<String, Tensor> state, String source) throws ModelException {
		load(model, TensorStore.of(state), source);
	}

	/**
	 * Loads every tensor of the model from {@code state}, one at a time from the store into the engine through one
	 * reused staging buffer, so a model of gigabytes needs no heap copy. Strict: any missing, unexpected or
	 * mis-shaped key refuses the whole load (exit 4) with the lists before any value is read.
	 */
	public static void load(Module model, TensorStore state, String source) throws ModelException {
		KeyReport report = compareShapes(model, state.shapes());
		if (!report.clean()) {
			throw new ModelException(source + " does not fit the model:\n" + report.describe(20));
		}
		Map<String, Param> params = model.namedParams();
		long largest = params.values().stream().mapToLong(p -> p.shape().size()).max().orElse(0);
		ByteBuffer staging = ByteBuffer.allocateDirect(Math.toIntExact(4 * largest)).order(ByteOrder.nativeOrder());
		// each parameter is replaced as soon as it is read (the old array freed), so the engine never holds two copies
		// of the model; a read that fails half way (an I/O error: keys and shapes were checked) leaves it partly
		// loaded, and callers discard it
		for (Map.Entry<String, Param> e : params.entrySet()) {
			Param p = e.getValue();
			ByteBuffer slot = staging.clear().limit(Math.toIntExact(4 * p.shape().size())).slice()
					.order(ByteOrder.LITTLE_ENDIAN);
			state.read(e.getKey(), slot);
			p.set(Module.owned(model.manager(), slot.flip(), p.shape()));
		}
	}

	/** The model's tensors copied to the heap, in registration order. */
	public static Map<String, Tensor> save(Module model) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		for (Map.Entry<String, Param> e : model.namedParams().entrySet()) {
			NDArray v = e.getValue().get();
			out.put(e.getKey(), new Tensor(v.getShape().getShape(), v.toFloatArray()));
		}
		return out;
	}

	/** The entries whose names start with {@code prefix}, with the prefix removed. */
	public static Map<String, Tensor> under(Map<String, Tensor> state, String prefix) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		state.forEach((k, v) -> {
			if (k.startsWith(prefix)) {
				out.put(k.substring(prefix.length()), v);
			}
		});
		return out;
	}
}

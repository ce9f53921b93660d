package org.medad.nn.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Moves tensors between checkpoints (name → heap tensor) and modules, checking names and shapes first. */
public final class StateDicts {
	private StateDicts() {
	}

	public static KeyReport compare(Module model, Map<String, Tensor> state) {
		Map<String, Param> params = model.namedParams();
		List<String> missing = new ArrayList<>();
		List<String> misshaped = new ArrayList<>();
		for (Map.Entry<String, Param> e : params.entrySet()) {
			Tensor t = state.get(e.getKey());
			if (t == null) {
				missing.add(e.getKey() + " " + e.getValue().shape());
			} else if (!new Shape(t.shape()).equals(e.getValue().shape())) {
				misshaped.add(e.getKey() + ": checkpoint " + new Shape(t.shape()) + ", model " + e.getValue().shape());
			}
		}
		List<String> unexpected = state.keySet().stream().filter(k -> !params.containsKey(k))
				.map(k -> k + " " + Arrays.toString(state.get(k).shape())).toList();
		return new KeyReport(missing, unexpected, misshaped);
	}

	/**
	 * Loads every tensor of the model from {@code state}. Strict: any missing, unexpected or mis-shaped key refuses
	 * the whole load (exit 4) with the lists, and nothing is changed.
	 */
	public static void load(Module model, Map<String, Tensor> state, String source) throws ModelException {
		KeyReport report = compare(model, state);
		if (!report.clean()) {
			throw new ModelException(source + " does not fit the model:\n" + report.describe(20));
		}
		for (Map.Entry<String, Param> e : model.namedParams().entrySet()) {
			Tensor t = state.get(e.getKey());
			e.getValue().set(Module.owned(model.manager(), t.data(), new Shape(t.shape())));
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

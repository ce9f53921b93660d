package org.medad.nn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.error.ModelException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The gradients of a step, taken from the weights after the backward pass and checked before any update: a NaN or an
 * infinity anywhere would poison the weights, so the run stops there with the step named. One device round trip (a
 * non-finite value makes its tensor's sum non-finite).
 */
public final class Gradients {
	private Gradients() {
	}

	/**
	 * The weights' gradients by name, attached to {@code step} (freed with it).
	 *
	 * @param where "epoch 3, step 41": where the run diverged, for the message
	 * @throws ModelException when any gradient holds a non-finite value
	 */
	public static Map<String, NDArray> finite(Map<String, NDArray> weights, NDManager step, float loss, String where)
			throws ModelException {
		Map<String, NDArray> grads = new LinkedHashMap<>();
		NDList sums = new NDList();
		for (Map.Entry<String, NDArray> e : weights.entrySet()) {
			NDArray grad = e.getValue().getGradient();
			grad.attach(step);
			grads.put(e.getKey(), grad);
			sums.add(grad.sum());
		}
		float[] totals = NDArrays.stack(sums).toFloatArray();
		List<String> bad = new ArrayList<>();
		int i = 0;
		for (String name : grads.keySet()) {
			if (!Float.isFinite(totals[i++])) {
				bad.add(name);
			}
		}
		if (!bad.isEmpty()) {
			throw new ModelException(String.format("training diverged at %s: loss %s but non-finite gradients in %d"
					+ " tensors, first %s", where, loss, bad.size(), bad.subList(0, Math.min(5, bad.size()))));
		}
		return grads;
	}
}

package org.medad.nn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.nn.Module;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Adam (Kingma &amp; Ba) whose moments are kept by weight name, so that a training checkpoint can save them and a
 * resumed run continue exactly where it stopped. Each step is PyTorch's Adam (w −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ)
 * + ε), no weight decay), which the reference code of every method trains with, computed by the engine's fused
 * update.
 */
public final class Adam {
	private static final float BETA1 = 0.9f;
	private static final float BETA2 = 0.999f;
	private static final float EPSILON = 1e-8f;
	private static final String MEAN = "mean.";
	private static final String VARIANCE = "variance.";

	private final IntToDoubleFunction rate;
	private final IntToDoubleFunction beta1;
	private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
	private int steps;

	/** @param rate the learning rate of step t (t counts from 1) */
	public Adam(IntToDoubleFunction rate) {
		this(rate, t -> BETA1);
	}

	/**
	 * With a scheduled β1 (one-cycle momentum): step t uses β1(t) for the first moment and its bias correction
	 * 1 - β1(t)^t, as PyTorch's Adam does when a scheduler changes the group's betas.
	 */
	public Adam(IntToDoubleFunction rate, IntToDoubleFunction beta1) {
		this.rate = rate;
		this.beta1 = beta1;
	}

	/** Steps taken so far. */
	public int steps() {
		return steps;
	}

	/** The learning rate of the last step (of the first, before any). */
	public double lastRate() {
		return rate.applyAsDouble(Math.max(1, steps));
	}

	/** One step over all weights: moments are created (zero) on first use, beside their weight. */
	public void step(Map<String, NDArray> weights, Map<String, NDArray> gradients) {
		steps++;
		double lr = rate.applyAsDouble(steps);
		float b1 = (float) beta1.applyAsDouble(steps);
		double root = Math.sqrt(1 - Math.pow(BETA2, steps));
		double corrected = lr * root / (1 - Math.pow(b1, steps));
		// PyTorch adds ε to √v̂ = √v / √(1−β₂ᵗ), the fused update to √v: ε·√(1−β₂ᵗ) there is PyTorch's ε, which
		// decides the step wherever a gradient is as small as ε (MVFA's parity depends on it)
		float eps = (float) (EPSILON * root);
		if (!Double.isFinite(corrected)) {
			throw new IllegalStateException("Adam: learning rate " + lr + " at step " + steps + " is not finite");
		}
		for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
			NDArray weight = weights.get(e.getKey());
			NDArray[] m = moments.computeIfAbsent(e.getKey(), k -> new NDArray[] { weight.zerosLike(),
					weight.zerosLike() });
			JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) e.getValue(), (PtNDArray) m[0], (PtNDArray) m[1],
					(float) lr, (float) corrected, 0f, 1f, -1f, b1, BETA2, eps, false);
		}
	}

	/** The moments as tensors ({@code mean.NAME}, {@code variance.NAME}), for a checkpoint. */
	public Map<String, Tensor> state() {
		Map<String, Tensor> out = new LinkedHashMap<>();
		for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
			out.put(MEAN + e.getKey(), tensor(e.getValue()[0]));
			out.put(VARIANCE + e.getKey(), tensor(e.getValue()[1]));
		}
		return out;
	}

	/**
	 * Continues from a checkpoint: {@code steps} already taken and the moments {@link #state()} wrote. Every moment
	 * must match its weight's shape; a mismatch names the tensor.
	 */
	public void restore(Map<String, NDArray> weights, Map<String, Tensor> state, int steps) throws ModelException {
		List<String> problems = new ArrayList<>();
		Map<String, NDArray[]> restored = new LinkedHashMap<>();
		for (Map.Entry<String, NDArray> w : weights.entrySet()) {
			Tensor mean = state.get(MEAN + w.getKey());
			Tensor variance = state.get(VARIANCE + w.getKey());
			if (mean == null || variance == null) {
				if (steps > 0) {
					problems.add("missing moments of " + w.getKey());
				}
				continue;
			}
			long[] shape = w.getValue().getShape().getShape();
			if (!java.util.Arrays.equals(shape, mean.shape()) || !java.util.Arrays.equals(shape, variance.shape())) {
				problems.add(w.getKey() + " moments have shape " + java.util.Arrays.toString(mean.shape()) + ", weight "
						+ java.util.Arrays.toString(shape));
				continue;
			}
			restored.put(w.getKey(), new NDArray[] { array(w.getValue(), mean), array(w.getValue(), variance) });
		}
		if (!problems.isEmpty()) {
			restored.values().forEach(a -> {
				a[0].close();
				a[1].close();
			});
			throw new ModelException("optimiser state does not fit the model: " + problems.size() + " problem(s), first "
					+ problems.subList(0, Math.min(5, problems.size())));
		}
		moments.values().forEach(a -> {
			a[0].close();
			a[1].close();
		});
		moments.clear();
		moments.putAll(restored);
		this.steps = steps;
	}

	private static NDArray array(NDArray weight, Tensor t) {
		return Module.owned(weight.getManager(), t.data(), new ai.djl.ndarray.types.Shape(t.shape()));
	}

	private static Tensor tensor(NDArray a) {
		return Tensor.of(a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(), a.getShape().getShape());
	}
}

package org.medad.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A tree of named tensors with PyTorch's dotted state-dict names ({@code blocks.3.attn.qkv.weight}), so checkpoints
 * map onto modules by name and nothing else. Parameters live in the manager given at construction; activations live
 * in the manager of the input, so a per-batch sub-manager frees them all at once.
 */
public abstract class Module {
	protected final NDManager manager;
	private final Map<String, Param> params = new LinkedHashMap<>();
	private final Map<String, Module> children = new LinkedHashMap<>();
	private boolean training;

	protected Module(NDManager manager) {
		this.manager = manager;
	}

	protected final Param param(String name, NDArray initial) {
		return register(name, new Param(initial, true));
	}

	protected final Param buffer(String name, NDArray initial) {
		return register(name, new Param(initial, false));
	}

	private Param register(String name, Param p) {
		if (params.putIfAbsent(name, p) != null) {
			throw new IllegalStateException("duplicate parameter " + name);
		}
		return p;
	}

	protected final <M extends Module> M child(String name, M module) {
		if (children.putIfAbsent(name, module) != null) {
			throw new IllegalStateException("duplicate child " + name);
		}
		return module;
	}

	/** Every tensor under its dotted name, in registration order (children after own tensors). */
	public final Map<String, Param> namedParams() {
		Map<String, Param> all = new LinkedHashMap<>();
		visit("", (name, p) -> all.put(name, p));
		return all;
	}

	private void visit(String prefix, BiConsumer<String, Param> action) {
		params.forEach((name, p) -> action.accept(prefix + name, p));
		children.forEach((name, m) -> m.visit(prefix + name + ".", action));
	}

	/**
	 * Converts every tensor to {@code type} (float16 for half precision on a GPU, float32 back); learnable weights stay
	 * learnable. Inputs must be given in the same type.
	 */
	public final void cast(ai.djl.ndarray.types.DataType type) {
		for (Param p : namedParams().values()) {
			if (p.get().getDataType() != type) {
				p.set(p.get().toType(type, false));
			}
		}
	}

	/** Direct children by name (read-only). */
	public final Map<String, Module> childModules() {
		return java.util.Collections.unmodifiableMap(children);
	}

	/** Switches training behaviour (dropout, batch statistics) for this module and all below it. */
	public final void train(boolean on) {
		training = on;
		children.values().forEach(m -> m.train(on));
	}

	public final boolean isTraining() {
		return training;
	}

	public final NDManager manager() {
		return manager;
	}

	/**
	 * Moves an array derived from a parameter (a broadcast token, a slice) into the manager of the activation it
	 * joins: DJL attaches results to the first operand's manager, which for parameters is the model's, and would
	 * keep every batch's copy alive until the model closes.
	 */
	protected static NDArray local(NDArray derived, NDArray activation) {
		derived.attach(activation.getManager());
		return derived;
	}

	/**
	 * Runs {@code body} in a scope that frees its intermediate arrays when it returns, keeping only the result in the
	 * input's manager. DJL keeps every op result until its manager closes; without scopes a whole forward pass's
	 * activations would be alive at once (PyTorch frees them as they go out of use). Autograd is unaffected: the graph
	 * holds its own references.
	 */
	protected static NDArray scoped(NDArray x, java.util.function.UnaryOperator<NDArray> body) {
		try (NDManager scope = NDManager.subManagerOf(x)) {
			scope.tempAttachAll(x);
			return scope.ret(body.apply(x));
		}
	}

	/**
	 * An array made from Java values whose memory belongs to the engine: a copy is taken at once, so the tensor can
	 * never point into a transfer buffer that the Java garbage collector frees while autograd still needs the values
	 * in the backward pass.
	 */
	public static NDArray owned(NDManager m, float[] values, ai.djl.ndarray.types.Shape shape) {
		NDArray staged = m.create(values, shape);
		NDArray copy = staged.duplicate();
		staged.close();
		return copy;
	}

	/**
	 * An engine-owned copy of float32 values in a direct buffer (native byte order, position 0, limit at the end of
	 * the values): the buffer can be reused as soon as this returns.
	 */
	public static NDArray owned(NDManager m, java.nio.ByteBuffer values, ai.djl.ndarray.types.Shape shape) {
		NDArray staged = m.create(values, shape, ai.djl.ndarray.types.DataType.FLOAT32);
		NDArray copy = staged.duplicate();
		staged.close();
		return copy;
	}

	/** Number of scalar values in all tensors. */
	public final long size() {
		return namedParams().values().stream().mapToLong(p -> p.shape().size()).sum();
	}
}

package org.medad.nn.layer;

import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/** A lookup table (vocab, dim) named {@code weight}, as torch.nn.Embedding. */
public final class Embedding extends Module {
	private final Param weight;

	public Embedding(NDManager m, long vocab, long dim) {
		super(m);
		this.weight = param("weight", Init.normal(m, 0.02, vocab, dim));
	}

	/** ids: integer array of any shape → (shape..., dim). */
	public NDArray forward(NDArray ids) {
		long[] shape = ids.getShape().getShape();
		NDArray rows = local(weight.get().get(new NDIndex("{}", ids.flatten())), ids);
		long[] out = java.util.Arrays.copyOf(shape, shape.length + 1);
		out[shape.length] = weight.shape().get(1);
		return rows.reshape(out);
	}
}

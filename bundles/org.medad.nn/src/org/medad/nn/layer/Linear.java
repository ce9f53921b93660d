package org.medad.nn.layer;

import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** y = x Wᵀ + b over the last axis; weight (out, in) as in PyTorch. */
public final class Linear extends Module {
	private final Param weight;
	private final Param bias;

	public Linear(NDManager m, long in, long out, boolean bias) {
		super(m);
		this.weight = param("weight", Init.fanIn(m, in, out, in));
		this.bias = bias ? param("bias", Init.fanIn(m, in, out)) : null;
	}

	public NDArray forward(NDArray x) {
		return ai.djl.nn.core.Linear.linear(x, weight.get(), bias == null ? null : bias.get()).singletonOrThrow();
	}

	public Param weight() {
		return weight;
	}
}

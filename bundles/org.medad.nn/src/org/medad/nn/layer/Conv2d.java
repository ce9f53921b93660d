package org.medad.nn.layer;

import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** 2-D convolution, NCHW, weight (out, in, k, k) as in PyTorch; square kernel, stride and zero padding. */
public final class Conv2d extends Module {
	private final Param weight;
	private final Param bias;
	private final Shape stride;
	private final Shape padding;

	public Conv2d(NDManager m, long in, long out, int kernel, int stride, int padding, boolean bias) {
		super(m);
		long fanIn = in * kernel * kernel;
		this.weight = param("weight", Init.fanIn(m, fanIn, out, in, kernel, kernel));
		this.bias = bias ? param("bias", Init.fanIn(m, fanIn, out)) : null;
		this.stride = new Shape(stride, stride);
		this.padding = new Shape(padding, padding);
	}

	public NDArray forward(NDArray x) {
		return ai.djl.nn.convolutional.Conv2d.conv2d(x, weight.get(), bias == null ? null : bias.get(), stride,
				padding, new Shape(1, 1), 1).singletonOrThrow();
	}

	public Param weight() {
		return weight;
	}

	public Param bias() {
		return bias;
	}
}

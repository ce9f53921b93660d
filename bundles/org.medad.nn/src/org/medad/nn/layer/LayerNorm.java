package org.medad.nn.layer;

import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** LayerNorm over the last axis with affine weight and bias; eps differs by family (timm 1e-6, CLIP/decoders 1e-5). */
public final class LayerNorm extends Module {
	private final Param weight;
	private final Param bias;
	private final Shape normalized;
	private final float eps;

	public LayerNorm(NDManager m, long dim, double eps) {
		super(m);
		this.weight = param("weight", Init.ones(m, dim));
		this.bias = param("bias", Init.zeros(m, dim));
		this.normalized = new Shape(dim);
		this.eps = (float) eps;
	}

	public NDArray forward(NDArray x) {
		return ai.djl.nn.norm.LayerNorm.layerNorm(x, normalized, weight.get(), bias.get(), eps).singletonOrThrow();
	}
}

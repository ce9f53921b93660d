package org.medad.nn.layer;

import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Per-channel scale of a residual branch (DINOv2's {@code ls1.gamma}, {@code ls2.gamma}). */
public final class LayerScale extends Module {
	private final Param gamma;

	public LayerScale(NDManager m, long dim, float init) {
		super(m);
		this.gamma = param("gamma", Init.constant(m, init, dim));
	}

	public NDArray forward(NDArray x) {
		return x.mul(gamma.get());
	}
}

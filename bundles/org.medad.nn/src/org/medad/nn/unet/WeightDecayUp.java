package org.medad.nn.unet;

import org.medad.nn.Module;
import org.medad.nn.Scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * WDMT's up block with a weight-decayed skip connection (METHODS.md §3.3): x1 = upsample(decoder feature),
 * M = α·E + (1−α)·x1, then DoubleConv(concat(M, detach(x1))) from 2·c_in through c_in to c_out. At α = 0 the skip
 * vanishes and the network is a plain encoder-decoder.
 */
public final class WeightDecayUp extends Module {
	private final DoubleConv conv;

	public WeightDecayUp(NDManager m, long in, long out) {
		super(m);
		this.conv = child("conv", new DoubleConv(m, 2 * in, in, out, false));
	}

	public NDArray forward(NDArray decoder, NDArray skip, float alpha) {
		return scoped(decoder, d -> {
			NDArray x1 = Sampling.upsample2(d);
			long dh = skip.getShape().get(2) - x1.getShape().get(2);
			long dw = skip.getShape().get(3) - x1.getShape().get(3);
			if (dh != 0 || dw != 0) {
				// odd sizes: pad like WDMT (left/top get the smaller half)
				x1 = x1.pad(new ai.djl.ndarray.types.Shape(dw / 2, dw - dw / 2, dh / 2, dh - dh / 2), 0);
			}
			NDArray mixed = Scalar.mul(skip, alpha).add(Scalar.mul(x1, 1 - alpha));
			return conv.forward(NDArrays.concat(new NDList(mixed, x1.stopGradient()), 1));
		});
	}
}

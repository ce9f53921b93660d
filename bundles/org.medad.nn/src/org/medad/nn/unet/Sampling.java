package org.medad.nn.unet;

import org.medad.nn.resample.Interpolation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** The down- and up-sampling steps of the U-Nets: 2×2 max-pooling and bilinear ×2 with align_corners=True. */
public final class Sampling {
	private Sampling() {
	}

	public static NDArray maxPool2(NDArray x) {
		return ai.djl.nn.pooling.Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
	}

	public static NDArray upsample2(NDArray x) {
		Shape s = x.getShape();
		return Interpolation.bilinear(x, (int) s.get(2) * 2, (int) s.get(3) * 2, true);
	}
}

package org.medad.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Array-by-number arithmetic that is safe under autograd. DJL 0.35.1's {@code mul(Number)}, {@code div(Number)},
 * {@code pow(Number)}, {@code maximum(Number)} wrap the number in a tensor over a Java direct buffer
 * ({@code torch::from_blob}) and close it at once; the backward pass of these operations reads the number again, by
 * then possibly from freed memory once the buffer is collected, which gave NaN gradients at random steps. Here the
 * number is an engine-allocated tensor ({@code torch::full}) that autograd keeps alive for as long as it needs it.
 * Addition and subtraction of a number are safe as DJL does them (their gradient does not read the number).
 */
public final class Scalar {

	private Scalar() {
	}

	/** A 0-d engine-owned tensor of {@code value}, in {@code like}'s manager, device and type. */
	public static NDArray of(NDArray like, double value) {
		return like.getManager().full(new Shape(), (float) value, like.getDataType());
	}

	public static NDArray mul(NDArray x, double value) {
		return x.mul(of(x, value));
	}

	public static NDArray div(NDArray x, double value) {
		return x.div(of(x, value));
	}

	public static NDArray pow(NDArray x, double exponent) {
		return x.pow(of(x, exponent));
	}

	/** Element-wise max(x, value). */
	public static NDArray max(NDArray x, double value) {
		return x.maximum(of(x, value));
	}
}

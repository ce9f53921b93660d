package org.medad.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Initial values, named as in PyTorch. Draws come from the engine's generator (seeded by ComputeService.seed). */
public final class Init {
	private Init() {
	}

	public static NDArray normal(NDManager m, double std, long... shape) {
		return m.randomNormal(0f, (float) std, new Shape(shape), DataType.FLOAT32);
	}

	/** PyTorch's default for Linear and Conv weights: kaiming_uniform(a=sqrt 5) = U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
	public static NDArray fanIn(NDManager m, long fanIn, long... shape) {
		float bound = (float) (1 / Math.sqrt(fanIn));
		return m.randomUniform(-bound, bound, new Shape(shape), DataType.FLOAT32);
	}

	public static NDArray zeros(NDManager m, long... shape) {
		return m.zeros(new Shape(shape), DataType.FLOAT32);
	}

	public static NDArray ones(NDManager m, long... shape) {
		return m.ones(new Shape(shape), DataType.FLOAT32);
	}

	public static NDArray constant(NDManager m, float value, long... shape) {
		return m.full(new Shape(shape), value, DataType.FLOAT32);
	}
}

package org.medad.core.model;

import java.util.Arrays;

/** A float32 tensor held on the heap: the unit model packages store. */
public record Tensor(long[] shape, float[] data) {

	public Tensor {
		if (count(shape) != data.length) {
			throw new IllegalArgumentException(data.length + " values do not fill shape " + Arrays.toString(shape));
		}
	}

	/** Number of values a tensor of {@code shape} holds. */
	public static long count(long[] shape) {
		long n = 1;
		for (long d : shape) {
			n *= d;
		}
		return n;
	}

	public static Tensor of(float[] data, long... shape) {
		return new Tensor(shape.clone(), data);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(shape);
	}
}

package org.medad.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * One named tensor of a module: a learnable weight or a buffer (running statistics, fixed position tables).
 * Its shape is fixed at construction, so loading a checkpoint can check every tensor before it replaces one.
 */
public final class Param {
	private final Shape shape;
	private final boolean trainable;
	private NDArray value;

	Param(NDArray value, boolean trainable) {
		this.shape = value.getShape();
		this.value = value;
		this.trainable = trainable;
	}

	public NDArray get() {
		return value;
	}

	public Shape shape() {
		return shape;
	}

	/** False for buffers and frozen tensors: optimisers skip them, gradients are never attached. */
	public boolean trainable() {
		return trainable;
	}

	/** Replaces the value in place (same shape); the old array is closed. */
	public void set(NDArray next) {
		if (!next.getShape().equals(shape)) {
			throw new IllegalArgumentException("shape " + next.getShape() + " does not match " + shape);
		}
		if (next != value) {
			NDArray old = value;
			next.attach(old.getManager());
			if (trainable && old.hasGradient()) {
				next.setRequiresGradient(true);
			}
			value = next;
			old.close();
		}
	}
}

package org.medad.nn.layer;

import ai.djl.ndarray.NDArray;

/** The activations the three methods use; which GELU matters (METHODS.md pitfall 5). */
public enum Activation {
	/** Exact erf GELU (timm, Q-Former, MVFA's rebuild). */
	GELU,
	/** x·σ(1.702x), as OpenAI trained CLIP. */
	QUICK_GELU,
	RELU;

	public NDArray apply(NDArray x) {
		return switch (this) {
			case GELU -> ai.djl.nn.Activation.gelu(x);
			case QUICK_GELU -> x.mul(ai.djl.nn.Activation.sigmoid(org.medad.nn.Scalar.mul(x, 1.702f)));
			case RELU -> ai.djl.nn.Activation.relu(x);
		};
	}
}

package org.medad.detector.mvfa.net;

import org.medad.nn.Container;
import org.medad.nn.Module;
import org.medad.nn.layer.Linear;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * One residual adapter of MVFA as the official code computes it (METHODS.md §2.2): med = LeakyReLU(W1 x), out =
 * LeakyReLU(W2 med), both without bias, slope 0.01. The bottleneck {@code med} is what the level's scores compare
 * with the text embeddings, so its width equals CLIP's embedding width. Names {@code fc1.0}, {@code fc2.0} as in
 * the official checkpoints ({@code nn.Sequential(Linear, LeakyReLU)}).
 */
public final class ClipAdapter extends Module {
	static final float SLOPE = 0.01f;
	private final Linear fc1;
	private final Linear fc2;

	public ClipAdapter(ai.djl.ndarray.NDManager m, long dim, long bottleneck) {
		super(m);
		this.fc1 = child("fc1", new Container(m)).add("0", new Linear(m, dim, bottleneck, false));
		this.fc2 = child("fc2", new Container(m)).add("0", new Linear(m, bottleneck, dim, false));
	}

	/** {med, out} for tokens (B, N, dim): med (B, N, bottleneck), out (B, N, dim). */
	public NDArray[] forward(NDArray x) {
		NDArray med = Activation.leakyRelu(fc1.forward(x), SLOPE);
		NDArray out = Activation.leakyRelu(fc2.forward(med), SLOPE);
		return new NDArray[] { med, out };
	}
}

package org.medad.nn.layer;

import org.medad.nn.Module;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** fc1 → activation → fc2 (timm {@code Mlp}; CLIP's c_fc/c_proj map onto it). */
public final class Mlp extends Module {
	private final Linear fc1;
	private final Linear fc2;
	private final Activation act;

	public Mlp(NDManager m, long dim, long hidden, Activation act) {
		super(m);
		this.fc1 = child("fc1", new Linear(m, dim, hidden, true));
		this.fc2 = child("fc2", new Linear(m, hidden, dim, true));
		this.act = act;
	}

	public NDArray forward(NDArray input) {
		return scoped(input, x -> {
			NDArray hidden = fc1.forward(x);
			NDArray activated = act.apply(hidden);
			hidden.close(); // the widest tensors of the block: free each as soon as it is consumed
			NDArray out = fc2.forward(activated);
			activated.close();
			return out;
		});
	}
}

package org.medad.nn.layer;

import org.medad.nn.Module;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head self-attention with one fused qkv projection (rows q, k, v; timm {@code attn.qkv}, CLIP
 * {@code in_proj_weight}) and an output projection; heads are contiguous feature slices. An optional additive mask
 * (tokens × tokens) makes it causal (CLIP text).
 */
public final class Attention extends Module {
	private final Linear qkv;
	private final Linear proj;
	private final int heads;

	public Attention(NDManager m, long dim, int heads, boolean qkvBias) {
		super(m);
		if (dim % heads != 0) {
			throw new IllegalArgumentException("dim " + dim + " is not a multiple of " + heads + " heads");
		}
		this.qkv = child("qkv", new Linear(m, dim, 3 * dim, qkvBias));
		this.proj = child("proj", new Linear(m, dim, dim, true));
		this.heads = heads;
	}

	public NDArray forward(NDArray input, NDArray additiveMask) {
		return scoped(input, x -> attend(x, additiveMask));
	}

	private NDArray attend(NDArray x, NDArray additiveMask) {
		Shape s = x.getShape();
		long b = s.get(0);
		long n = s.get(1);
		long c = s.get(2);
		long d = c / heads;
		NDArray t = qkv.forward(x).reshape(b, n, 3, heads, d).transpose(2, 0, 3, 1, 4);
		NDList parts = t.split(3, 0);
		NDArray q = org.medad.nn.Scalar.mul(parts.get(0).squeeze(0), 1 / Math.sqrt(d));
		NDArray k = parts.get(1).squeeze(0);
		NDArray v = parts.get(2).squeeze(0);
		// the (B, heads, N, N) tensors dominate memory: free each as soon as the next one exists, as PyTorch would
		NDArray logits = q.matMul(k.transpose(0, 1, 3, 2));
		q.close();
		if (additiveMask != null) {
			NDArray masked = logits.add(additiveMask);
			logits.close();
			logits = masked;
		}
		NDArray weights = logits.softmax(-1);
		logits.close();
		NDArray context = weights.matMul(v);
		weights.close();
		NDArray out = context.transpose(0, 2, 1, 3).reshape(b, n, c);
		context.close();
		return proj.forward(out);
	}
}

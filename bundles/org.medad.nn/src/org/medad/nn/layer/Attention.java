package org.medad.nn.layer;

import org.medad.nn.Module;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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

	/**
	 * Largest attention map (bytes) computed in one piece; larger ones go (image, head) group by group, each group's
	 * logits, softmax and weighted sum while its map is still in cache. The whole (B, heads, N, N) map of QFAE's
	 * decoder at batch 8 is 240 MB, and softmax alone took 9% of its scoring time, memory-bound. Each softmax row is
	 * the same either way. 16 MB scored QFAE fastest here (1, 4 and 16 MB tried: docs/benchmarks.md);
	 * {@code -Dmedad.attention.chunkBytes=0} turns it off.
	 */
	private static final long CHUNK_BYTES = Long.getLong("medad.attention.chunkBytes", 16L << 20);

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
		NDArray context = attention(q, k, v, additiveMask, CHUNK_BYTES);
		NDArray out = context.transpose(0, 2, 1, 3).reshape(b, n, c);
		context.close();
		return proj.forward(out);
	}

	/** softmax(q kᵀ + mask) v for (…, N, d) inputs; the (…, N, N) tensors are freed as soon as the next one exists. */
	private static NDArray weighted(NDArray q, NDArray k, NDArray v, NDArray additiveMask) {
		int last = k.getShape().dimension() - 1;
		NDArray logits = q.matMul(k.swapAxes(last, last - 1));
		if (additiveMask != null) {
			NDArray masked = logits.add(additiveMask);
			logits.close();
			logits = masked;
		}
		NDArray weights = logits.softmax(-1);
		logits.close();
		NDArray context = weights.matMul(v);
		weights.close();
		return context;
	}

	/**
	 * softmax(q kᵀ + mask) v for (B, heads, N, d) inputs, in (image, head) groups whose maps fit {@code chunkBytes}
	 * when the whole map does not (0: in one piece).
	 */
	static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray additiveMask, long chunkBytes) {
		Shape s = q.getShape();
		long b = s.get(0);
		long heads = s.get(1);
		long n = s.get(2);
		long d = s.get(3);
		if (chunkBytes <= 0 || b * heads * n * n * 4 <= chunkBytes) {
			return weighted(q, k, v, additiveMask);
		}
		return inChunks(q.reshape(b * heads, n, d), k.reshape(b * heads, n, d), v.reshape(b * heads, n, d),
				additiveMask, chunkBytes).reshape(b, heads, n, d);
	}

	/** {@link #weighted} over (groups, N, d) inputs, as many groups at a time as fit {@code chunkBytes}. */
	private static NDArray inChunks(NDArray q, NDArray k, NDArray v, NDArray additiveMask, long chunkBytes) {
		long groups = q.getShape().get(0);
		long n = q.getShape().get(1);
		long per = Math.max(1, chunkBytes / (n * n * 4));
		NDList pieces = new NDList();
		for (long g = 0; g < groups; g += per) {
			String range = g + ":" + Math.min(groups, g + per);
			pieces.add(weighted(q.get(range), k.get(range), v.get(range), additiveMask));
		}
		return NDArrays.concat(pieces, 0);
	}
}

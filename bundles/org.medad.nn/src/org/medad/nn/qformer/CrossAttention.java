package org.medad.nn.qformer;

import org.medad.nn.Container;
import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;
import org.medad.nn.Scalar;
import org.medad.nn.layer.LayerNorm;
import org.medad.nn.layer.Linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * QFAE's cross-attention (zeta-derived): q = to_q(LayerNorm(x)), k|v = to_kv(context) of the un-normalised
 * context, a learned null key/value {@code null_kv} (row 0 key, row 1 value, shared by heads and batch) prepended,
 * logits (q·√s)(k·√s)ᵀ with s = dimHead^-0.5, output LayerNorm(to_out.0(attn·v)). No biases, no residual; the
 * constructed dropout is never applied in the reference and is not here.
 */
public final class CrossAttention extends Module {
	private final LayerNorm norm;
	private final Linear toQ;
	private final Linear toKv;
	private final Linear toOut;
	private final LayerNorm outNorm;
	private final Param nullKv;
	private final int heads;
	private final long dimHead;

	public CrossAttention(NDManager m, long dim, long contextDim, int heads, long dimHead) {
		super(m);
		this.heads = heads;
		this.dimHead = dimHead;
		long inner = heads * dimHead;
		this.nullKv = param("null_kv", Init.normal(m, 1.0, 2, dimHead));
		this.norm = child("norm", new LayerNorm(m, dim, 1e-5));
		this.toQ = child("to_q", new Linear(m, dim, inner, false));
		this.toKv = child("to_kv", new Linear(m, contextDim, 2 * inner, false));
		Container out = child("to_out", new Container(m));
		this.toOut = out.add("0", new Linear(m, inner, dim, false));
		this.outNorm = out.add("1", new LayerNorm(m, dim, 1e-5));
	}

	public NDArray forward(NDArray x, NDArray context) {
		long b = x.getShape().get(0);
		long n = x.getShape().get(1);
		long tokens = context.getShape().get(1);
		NDArray q = toQ.forward(norm.forward(x)).reshape(b, n, heads, dimHead).transpose(0, 2, 1, 3);
		NDList kv = toKv.forward(context).split(2, 2);
		NDArray k = kv.get(0).reshape(b, tokens, heads, dimHead).transpose(0, 2, 1, 3);
		NDArray v = kv.get(1).reshape(b, tokens, heads, dimHead).transpose(0, 2, 1, 3);
		NDArray nk = local(nullKv.get().get(0), x).reshape(1, 1, 1, dimHead).broadcast(b, heads, 1, dimHead);
		NDArray nv = local(nullKv.get().get(1), x).reshape(1, 1, 1, dimHead).broadcast(b, heads, 1, dimHead);
		k = NDArrays.concat(new NDList(nk, k), 2);
		v = NDArrays.concat(new NDList(nv, v), 2);
		float root = (float) Math.sqrt(1 / Math.sqrt(dimHead));
		NDArray attn = Scalar.mul(q, root).matMul(Scalar.mul(k, root).transpose(0, 1, 3, 2)).softmax(-1);
		NDArray out = attn.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, heads * dimHead);
		return outNorm.forward(toOut.forward(out));
	}
}

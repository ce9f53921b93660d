package org.medad.nn.qformer;

import org.medad.nn.Module;
import org.medad.nn.Scalar;
import org.medad.nn.layer.Linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-query self-attention (zeta {@code MultiQueryAttention}, QFAE's Q-Former): one projection {@code Wqkv} to
 * q (dim, split into heads) and a single shared k and v head (dim/heads each); causal by default (query i sees keys
 * ≤ i, masked logits = float32 min); output projection {@code out_proj}. No residual: the caller's input is replaced.
 */
public final class MultiQueryAttention extends Module {
	private final Linear wqkv;
	private final Linear outProj;
	private final int heads;
	private final long dim;
	private final boolean causal;

	public MultiQueryAttention(NDManager m, long dim, int heads, boolean causal) {
		super(m);
		this.dim = dim;
		this.heads = heads;
		this.causal = causal;
		this.wqkv = child("Wqkv", new Linear(m, dim, dim + 2 * (dim / heads), true));
		this.outProj = child("out_proj", new Linear(m, dim, dim, true));
	}

	public NDArray forward(NDArray x) {
		Shape s = x.getShape();
		long b = s.get(0);
		long n = s.get(1);
		long hd = dim / heads;
		NDList parts = wqkv.forward(x).split(new long[] { dim, dim + hd }, 2);
		NDArray q = parts.get(0).reshape(b, n, heads, hd).transpose(0, 2, 1, 3);
		NDArray k = parts.get(1).expandDims(1);
		NDArray v = parts.get(2).expandDims(1);
		NDArray logits = Scalar.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(hd));
		if (causal) {
			logits = logits.add(causalMask(x.getManager(), n));
		}
		NDArray out = logits.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, n, dim);
		return outProj.forward(out);
	}

	/** (n, n): 0 on and below the diagonal, float32 min above (what torch's masked_fill with finfo.min gives after softmax). */
	static NDArray causalMask(NDManager m, long n) {
		float[] mask = new float[(int) (n * n)];
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				mask[(int) (i * n + j)] = -Float.MAX_VALUE;
			}
		}
		return owned(m, mask, new Shape(n, n));
	}
}

package org.medad.nn.vit;

import org.medad.nn.Module;
import org.medad.nn.layer.Activation;
import org.medad.nn.layer.Attention;
import org.medad.nn.layer.LayerNorm;
import org.medad.nn.layer.LayerScale;
import org.medad.nn.layer.Mlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Pre-norm transformer block: x += ls1·Attn(LN1 x); x += ls2·MLP(LN2 x) (timm {@code Block}; CLIP resblocks map onto it). */
public final class Block extends Module {
	private final LayerNorm norm1;
	private final Attention attn;
	private final LayerScale ls1;
	private final LayerNorm norm2;
	private final Mlp mlp;
	private final LayerScale ls2;

	public Block(NDManager m, long dim, int heads, long mlpDim, boolean qkvBias, boolean layerScale, double eps,
			Activation act) {
		super(m);
		this.norm1 = child("norm1", new LayerNorm(m, dim, eps));
		this.attn = child("attn", new Attention(m, dim, heads, qkvBias));
		this.ls1 = layerScale ? child("ls1", new LayerScale(m, dim, 1e-5f)) : null;
		this.norm2 = child("norm2", new LayerNorm(m, dim, eps));
		this.mlp = child("mlp", new Mlp(m, dim, mlpDim, act));
		this.ls2 = layerScale ? child("ls2", new LayerScale(m, dim, 1e-5f)) : null;
	}

	public NDArray forward(NDArray input, NDArray additiveMask) {
		// each intermediate is closed as soon as it is consumed, so at most two residual-sized tensors live beside
		// the attention or MLP internals, as in PyTorch's reference counting
		return scoped(input, x -> {
			NDArray a = branch(norm1.forward(x), h -> attn.forward(h, additiveMask), ls1);
			NDArray y = x.add(a);
			a.close();
			NDArray f = branch(norm2.forward(y), mlp::forward, ls2);
			NDArray out = y.add(f);
			y.close();
			f.close();
			return out;
		});
	}

	private static NDArray branch(NDArray normed, java.util.function.UnaryOperator<NDArray> body, LayerScale scale) {
		NDArray h = body.apply(normed);
		normed.close();
		if (scale == null) {
			return h;
		}
		NDArray scaled = scale.forward(h);
		h.close();
		return scaled;
	}
}

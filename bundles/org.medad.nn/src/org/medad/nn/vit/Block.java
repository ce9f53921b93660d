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

	public NDArray forward(NDArray x, NDArray additiveMask) {
		NDArray a = attn.forward(norm1.forward(x), additiveMask);
		x = x.add(ls1 == null ? a : ls1.forward(a));
		NDArray f = mlp.forward(norm2.forward(x));
		return x.add(ls2 == null ? f : ls2.forward(f));
	}
}

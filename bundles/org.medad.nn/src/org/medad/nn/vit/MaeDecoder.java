package org.medad.nn.vit;

import java.util.ArrayList;
import java.util.List;

import org.medad.nn.Container;
import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;
import org.medad.nn.layer.Activation;
import org.medad.nn.layer.LayerNorm;
import org.medad.nn.layer.Linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * QFAE's MAE-style decoder (METHODS.md §1.4): decoder_embed, a fixed 2-D sin-cos table added before the special
 * tokens, [reg×R, cls, patches], timm blocks (no LayerScale), decoder_norm, decoder_prediction to patch pixels; the
 * special tokens are dropped from the output (B, grid², patch²·channels). The blocks' LayerNorms use eps 1e-6 and
 * decoder_norm 1e-5: METHODS.md says 1e-5 for both, but the official code's outputs (qfae-micro) agree to 1.2e-6
 * only this way (1.4e-3 apart with 1e-5 in the blocks).
 */
public final class MaeDecoder extends Module {
	private final Linear embed;
	private final Param posEmbed;
	private final Param clsToken;
	private final Param regTokens;
	private final List<Block> blocks = new ArrayList<>();
	private final LayerNorm norm;
	private final Linear prediction;
	private final int prefix;

	public MaeDecoder(NDManager m, int inDim, int dim, int grid, int depth, int heads, int mlpDim, int regs,
			int patch, int channels) {
		super(m);
		this.clsToken = param("cls_token", Init.normal(m, 1e-3, 1, 1, dim));
		this.regTokens = regs > 0 ? param("reg_tokens", Init.normal(m, 1e-3, 1, regs, dim)) : null;
		this.embed = child("decoder_embed", new Linear(m, inDim, dim, true));
		// a parameter in the reference (requires_grad False), so it is in checkpoints; never trained here either
		this.posEmbed = buffer("decoder_pos_embed", Module.owned(m, SinCos.table2d(dim, grid), new Shape(1, (long) grid * grid,
				dim)));
		Container list = child("decoder_blocks", new Container(m));
		for (int i = 0; i < depth; i++) {
			blocks.add(list.add(Integer.toString(i), new Block(m, dim, heads, mlpDim, true, false, 1e-6, Activation.GELU)));
		}
		this.norm = child("decoder_norm", new LayerNorm(m, dim, 1e-5));
		this.prediction = child("decoder_prediction", new Linear(m, dim, (long) patch * patch * channels, true));
		this.prefix = 1 + regs;
	}

	/** Queries (B, grid², inDim) → patch predictions (B, grid², patch²·channels). */
	public NDArray forward(NDArray queries) {
		long b = queries.getShape().get(0);
		NDArray x = embed.forward(queries).add(posEmbed.get());
		NDList tokens = new NDList();
		if (regTokens != null) {
			tokens.add(local(regTokens.get().broadcast(b, prefix - 1, regTokens.shape().get(2)), queries));
		}
		tokens.add(local(clsToken.get().broadcast(b, 1, clsToken.shape().get(2)), queries));
		tokens.add(x);
		x = NDArrays.concat(tokens, 1);
		for (Block block : blocks) {
			x = block.forward(x, null);
		}
		NDArray out = prediction.forward(norm.forward(x));
		return out.get(":, " + prefix + ":, :");
	}
}

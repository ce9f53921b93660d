package org.medad.nn.vit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.medad.nn.Container;
import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;
import org.medad.nn.layer.Conv2d;
import org.medad.nn.layer.LayerNorm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ViT encoder with timm's state-dict names: {@code patch_embed.proj}, {@code cls_token}, {@code reg_token},
 * {@code pos_embed}, {@code norm_pre}, {@code blocks.N}, {@code norm}. Token order is [cls, registers, patches].
 */
public final class VisionTransformer extends Module {
	private final VitConfig config;
	private final Conv2d patchEmbed;
	private final Param clsToken;
	private final Param regToken;
	private final Param posEmbed;
	private final LayerNorm normPre;
	private final List<Block> blocks = new ArrayList<>();
	private final LayerNorm norm;

	public VisionTransformer(NDManager m, VitConfig c) {
		super(m);
		this.config = c;
		this.patchEmbed = child("patch_embed", new Container(m)).add("proj", new Conv2d(m, c.inChans(), c.dim(), c.patchSize(), c.patchSize(), 0,
				c.patchBias()));
		this.clsToken = c.clsToken() ? param("cls_token", Init.normal(m, 1e-6, 1, 1, c.dim())) : null;
		this.regToken = c.regTokens() > 0 ? param("reg_token", Init.normal(m, 1e-6, 1, c.regTokens(), c.dim())) : null;
		long rows = (long) c.grid() * c.grid() + (c.posIncludesCls() && c.clsToken() ? 1 : 0);
		this.posEmbed = switch (c.posEmbed()) {
			case LEARNED -> param("pos_embed", Init.normal(m, 0.02, 1, rows, c.dim()));
			case SINCOS -> buffer("pos_embed", Module.owned(m, SinCos.table2d(c.dim(), c.grid()), new Shape(1, rows, c.dim())));
			case NONE -> null;
		};
		this.normPre = c.preNorm() ? child("norm_pre", new LayerNorm(m, c.dim(), c.eps())) : null;
		Container list = child("blocks", new Container(m));
		for (int i = 0; i < c.depth(); i++) {
			blocks.add(list.add(Integer.toString(i), new Block(m, c.dim(), c.heads(), c.mlpDim(), c.qkvBias(),
					c.layerScale(), c.eps(), c.act())));
		}
		this.norm = child("norm", new LayerNorm(m, c.dim(), c.eps()));
	}

	public VitConfig config() {
		return config;
	}

	/** Block {@code i} (0-based), for methods that act between blocks (MVFA's adapters). */
	public Block block(int i) {
		return blocks.get(i);
	}

	/** Tokens entering block 0: patch embedding, class/register tokens, positions, optional pre-norm. */
	public NDArray embed(NDArray images) {
		return scoped(images, this::tokens);
	}

	private NDArray tokens(NDArray images) {
		long b = images.getShape().get(0);
		int g = config.grid();
		int used = g * config.patchSize();
		if (images.getShape().get(2) != used || images.getShape().get(3) != used) {
			// CLIP at 240 with patch 14: the convolution never reaches the last pixel rows/columns
			images = images.get(":, :, :" + used + ", :" + used);
		}
		NDArray x = patchEmbed.forward(images).reshape(b, config.dim(), (long) g * g).transpose(0, 2, 1);
		NDList prefix = new NDList();
		if (clsToken != null) {
			prefix.add(local(clsToken.get().broadcast(b, 1, config.dim()), images));
		}
		if (config.posIncludesCls()) {
			if (!prefix.isEmpty()) {
				x = NDArrays.concat(new NDList(prefix.get(0), x), 1);
				prefix.clear();
			}
			if (posEmbed != null) {
				x = x.add(posEmbed.get());
			}
		} else if (posEmbed != null) {
			x = x.add(posEmbed.get());
		}
		if (regToken != null) {
			prefix.add(local(regToken.get().broadcast(b, config.regTokens(), config.dim()), images));
		}
		if (!prefix.isEmpty()) {
			prefix.add(x);
			x = NDArrays.concat(prefix, 1);
		}
		return normPre == null ? x : normPre.forward(x);
	}

	/**
	 * Outputs of the chosen blocks (0-based), before the final norm and with prefix tokens, in the order asked.
	 * Blocks after the last one asked for are not run.
	 */
	public NDList intermediates(NDArray images, int... take) {
		int last = Arrays.stream(take).max().orElse(-1);
		if (last >= blocks.size()) {
			throw new IllegalArgumentException("block " + last + " asked of a " + blocks.size() + "-block " + config.name());
		}
		NDArray x = embed(images);
		NDArray[] out = new NDArray[take.length];
		for (int i = 0; i <= last; i++) {
			NDArray next = blocks.get(i).forward(x, null);
			final int previous = i - 1;
			if (Arrays.stream(take).noneMatch(t -> t == previous)) {
				x.close(); // as in PyTorch, a block's input dies once the block has run, unless it was asked for
			}
			x = next;
			for (int j = 0; j < take.length; j++) {
				if (take[j] == i) {
					out[j] = x;
				}
			}
		}
		return new NDList(out);
	}

	/** All blocks, then the final norm: (B, prefix + patches, dim). */
	public NDArray forward(NDArray images) {
		NDArray x = embed(images);
		for (Block block : blocks) {
			NDArray next = block.forward(x, null);
			x.close();
			x = next;
		}
		NDArray out = norm.forward(x);
		x.close();
		return out;
	}
}

package org.medad.nn.clip;

import java.util.ArrayList;
import java.util.List;

import org.medad.nn.Container;
import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;
import org.medad.nn.layer.Activation;
import org.medad.nn.layer.Embedding;
import org.medad.nn.layer.LayerNorm;
import org.medad.nn.vit.Block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * CLIP's text tower (METHODS.md §2.3): token + position embeddings, pre-LN blocks under a causal additive mask,
 * ln_final, the features at the end-of-text token (the largest id) projected by {@code text_projection}. Block
 * names follow timm ({@code blocks.N.norm1} …); {@link org.medad.nn.checkpoint.KeyMaps#clipText} renames OpenAI's.
 */
public final class TextTransformer extends Module {
	private final Embedding tokenEmbedding;
	private final Param positionalEmbedding;
	private final List<Block> blocks = new ArrayList<>();
	private final LayerNorm lnFinal;
	private final Param textProjection;
	private final int context;

	public TextTransformer(NDManager m, int vocab, int context, int width, int heads, int layers, int embedDim,
			Activation act) {
		super(m);
		this.context = context;
		this.tokenEmbedding = child("token_embedding", new Embedding(m, vocab, width));
		this.positionalEmbedding = param("positional_embedding", Init.normal(m, 0.01, context, width));
		Container list = child("blocks", new Container(m));
		for (int i = 0; i < layers; i++) {
			blocks.add(list.add(Integer.toString(i), new Block(m, width, heads, 4L * width, true, false, 1e-5, act)));
		}
		this.lnFinal = child("ln_final", new LayerNorm(m, width, 1e-5));
		this.textProjection = param("text_projection", Init.normal(m, Math.pow(width, -0.5), width, embedDim));
	}

	/** OpenAI CLIP's text tower: 49408 tokens, 77 positions, width 768, 12 heads, 12 layers, 768-d embedding. */
	public static TextTransformer clipLarge(NDManager m, Activation act) {
		return new TextTransformer(m, 49408, 77, 768, 12, 12, 768, act);
	}

	/** Token ids (B, context) → text embeddings (B, embedDim), not normalised, in the caller's manager. */
	public NDArray forward(NDManager caller, int[][] ids) {
		NDManager m = caller.newSubManager();
		int b = ids.length;
		int[] flat = new int[b * context];
		int[] eot = new int[b];
		for (int i = 0; i < b; i++) {
			if (ids[i].length != context) {
				throw new IllegalArgumentException("token sequence of " + ids[i].length + ", expected " + context);
			}
			System.arraycopy(ids[i], 0, flat, i * context, context);
			for (int j = 1; j < context; j++) {
				if (ids[i][j] > ids[i][eot[i]]) {
					eot[i] = j;
				}
			}
		}
		NDArray x = tokenEmbedding.forward(m.create(flat, new Shape(b, context)).toType(DataType.INT64, false))
				.add(positionalEmbedding.get());
		NDArray mask = causalMask(m, context);
		for (Block block : blocks) {
			x = block.forward(x, mask);
		}
		x = lnFinal.forward(x);
		NDArray rows = x.reshape(b * (long) context, -1).get(new NDIndex("{}",
				m.create(java.util.stream.IntStream.range(0, b).mapToLong(i -> (long) i * context + eot[i]).toArray())));
		NDArray out = rows.matMul(textProjection.get());
		out.attach(caller);
		m.close();
		return out;
	}

	/** (n, n) with -inf above the diagonal: token i attends to tokens ≤ i. */
	static NDArray causalMask(NDManager m, int n) {
		float[] mask = new float[n * n];
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				mask[i * n + j] = Float.NEGATIVE_INFINITY;
			}
		}
		return owned(m, mask, new Shape(n, n));
	}
}

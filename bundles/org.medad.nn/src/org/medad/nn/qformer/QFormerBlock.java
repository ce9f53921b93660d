package org.medad.nn.qformer;

import org.medad.nn.Container;
import org.medad.nn.Module;
import org.medad.nn.layer.Activation;
import org.medad.nn.layer.LayerNorm;
import org.medad.nn.layer.Linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * QFAE's Q-Former block ("junction", METHODS.md §1.3), quirks kept because checkpoints depend on them:
 * S = MQA_causal(Q); C = CrossAttn(S, E); Z = Dropout₀.₀₁(fc2(GELU(fc1(LN(C))))) with no residual connection
 * anywhere. {@code projection.{0,1,3}} are LayerNorm, Linear, Linear (2 is the GELU, 4 the dropout).
 */
public final class QFormerBlock extends Module {
	private final MultiQueryAttention attn;
	private final CrossAttention crossAttn;
	private final LayerNorm mlpNorm;
	private final Linear fc1;
	private final Linear fc2;
	private final float dropout;
	private final boolean residual;

	public QFormerBlock(NDManager m, long dim, long contextDim, int heads, long crossDimHead, long mlpDim, float dropout) {
		this(m, dim, contextDim, heads, crossDimHead, mlpDim, dropout, false);
	}

	/**
	 * @param blip2 the paper's reading ("one Q-Former block as in BLIP-2"): bidirectional self-attention and a
	 *              residual connection around each of the three stages; same weights and names
	 */
	public QFormerBlock(NDManager m, long dim, long contextDim, int heads, long crossDimHead, long mlpDim, float dropout,
			boolean blip2) {
		super(m);
		this.residual = blip2;
		this.attn = child("attn", new MultiQueryAttention(m, dim, heads, !blip2));
		this.crossAttn = child("cross_attn", new CrossAttention(m, dim, contextDim, heads, crossDimHead));
		Container projection = child("projection", new Container(m));
		this.mlpNorm = projection.add("0", new LayerNorm(m, dim, 1e-5));
		this.fc1 = projection.add("1", new Linear(m, dim, mlpDim, true));
		this.fc2 = projection.add("3", new Linear(m, mlpDim, dim, true));
		this.dropout = dropout;
	}

	public NDArray forward(NDArray queries, NDArray context) {
		return scoped(queries, q -> {
			NDArray s = attn.forward(q);
			s = residual ? s.add(q) : s;
			NDArray c = crossAttn.forward(s, context);
			c = residual ? c.add(s) : c;
			NDArray z = fc2.forward(Activation.GELU.apply(fc1.forward(mlpNorm.forward(c))));
			if (isTraining() && dropout > 0) {
				z = ai.djl.nn.norm.Dropout.dropout(z, dropout, true).singletonOrThrow();
			}
			return residual ? z.add(c) : z;
		});
	}

	/** The intermediate results (S, C) for tests and inspection. */
	public NDArray[] stages(NDArray queries, NDArray context) {
		NDArray s = attn.forward(queries);
		NDArray c = crossAttn.forward(s, context);
		return new NDArray[] { s, c };
	}
}

package org.medad.nn.qformer;

import java.util.ArrayList;
import java.util.List;

import org.medad.nn.Container;
import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Learned queries (1, Q, dim), init N(0, 1e-3), tiled over the batch, through Q-Former blocks ({@code junction}). */
public final class QFormer extends Module {
	private final Param queries;
	private final List<QFormerBlock> blocks = new ArrayList<>();

	public QFormer(NDManager m, int numQueries, long dim, long contextDim, int heads, long crossDimHead, long mlpDim,
			int depth, float dropout) {
		this(m, numQueries, dim, contextDim, heads, crossDimHead, mlpDim, depth, dropout, false);
	}

	/** @param blip2 BLIP-2's residual connections and bidirectional self-attention instead of QFAE's quirks */
	public QFormer(NDManager m, int numQueries, long dim, long contextDim, int heads, long crossDimHead, long mlpDim,
			int depth, float dropout, boolean blip2) {
		super(m);
		this.queries = param("queries", Init.normal(m, 1e-3, 1, numQueries, dim));
		Container list = child("blocks", new Container(m));
		for (int i = 0; i < depth; i++) {
			blocks.add(list.add(Integer.toString(i), new QFormerBlock(m, dim, contextDim, heads, crossDimHead, mlpDim,
					dropout, blip2)));
		}
	}

	public NDArray forward(NDArray context) {
		long b = context.getShape().get(0);
		NDArray q = queries.get();
		NDArray x = local(q.broadcast(b, q.getShape().get(1), q.getShape().get(2)), context);
		for (QFormerBlock block : blocks) {
			x = block.forward(x, context);
		}
		return x;
	}
}

package org.medad.nn.layer;

import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * BatchNorm over NCHW channels with PyTorch's semantics and names: in training, batch statistics normalise and the
 * running mean and (unbiased) variance move by {@code momentum} (0.1); in evaluation the running statistics are used.
 */
public final class BatchNorm2d extends Module {
	private final Param weight;
	private final Param bias;
	private final Param runningMean;
	private final Param runningVar;
	private final Param batchesTracked;
	private final float eps;
	private final float momentum;

	public BatchNorm2d(NDManager m, long channels) {
		this(m, channels, 1e-5, 0.1);
	}

	public BatchNorm2d(NDManager m, long channels, double eps, double momentum) {
		super(m);
		this.weight = param("weight", Init.ones(m, channels));
		this.bias = param("bias", Init.zeros(m, channels));
		this.runningMean = buffer("running_mean", Init.zeros(m, channels));
		this.runningVar = buffer("running_var", Init.ones(m, channels));
		this.batchesTracked = buffer("num_batches_tracked", m.zeros(new Shape()));
		this.eps = (float) eps;
		this.momentum = (float) momentum;
	}

	public Param weight() {
		return weight;
	}

	public NDArray forward(NDArray x) {
		if (!isTraining()) {
			return ai.djl.nn.norm.BatchNorm.batchNorm(x, runningMean.get(), runningVar.get(), weight.get(), bias.get(), 1,
					momentum, eps, false).singletonOrThrow();
		}
		return scoped(x, in -> {
			// batch statistics over N, H, W; the running update is computed here (not inside the engine) so its
			// momentum convention is PyTorch's whatever the engine binding does
			long c = in.getShape().get(1);
			NDArray mean = perChannelMean(in, c);
			NDArray centred = in.sub(mean.reshape(1, -1, 1, 1));
			NDArray var = perChannelMean(centred.square(), c);
			long n = in.getShape().get(0) * in.getShape().get(2) * in.getShape().get(3);
			NDArray out = centred.div(var.add(eps).sqrt().reshape(1, -1, 1, 1)).mul(weight.get().reshape(1, -1, 1, 1))
					.add(bias.get().reshape(1, -1, 1, 1));
			try (NDManager stats = runningMean.get().getManager().newSubManager()) {
				NDArray m = mean.stopGradient();
				NDArray v = var.stopGradient();
				m.attach(stats);
				v.attach(stats);
				runningMean.set(update(stats, runningMean.get(), m, 1));
				runningVar.set(update(stats, runningVar.get(), v, n / (float) Math.max(1, n - 1)));
				batchesTracked.set(stats.ret(stats.create(1f).add(batchesTracked.get())));
			}
			return out;
		});
	}

	/** (1 − momentum)·running + momentum·scale·batch, computed in {@code stats} so no temporary outlives the step. */
	private NDArray update(NDManager stats, NDArray running, NDArray batch, float scale) {
		NDArray decayed = stats.create(1 - momentum).mul(running);
		NDArray next = decayed.add(batch.mul(momentum * scale));
		return stats.ret(next);
	}

	/** Mean over N, H and W (DJL's PyTorch binding reduces one axis at a time). */
	private static NDArray perChannelMean(NDArray x, long channels) {
		return x.transpose(1, 0, 2, 3).reshape(channels, -1).mean(new int[] { 1 });
	}
}

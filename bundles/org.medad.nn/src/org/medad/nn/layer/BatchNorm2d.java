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
		// the engine's fused batch norm (one kernel forward and backward, PyTorch's own running-statistics update in
		// place: (1 - momentum)·running + momentum·batch, unbiased variance); DJL hands the engine 1 - its momentum
		NDArray out = ai.djl.nn.norm.BatchNorm.batchNorm(x, runningMean.get(), runningVar.get(), weight.get(),
				bias.get(), -1, 1 - momentum, eps, true).singletonOrThrow();
		try (NDManager stats = batchesTracked.get().getManager().newSubManager()) {
			batchesTracked.set(stats.ret(stats.create(1f).add(batchesTracked.get())));
		}
		return out;
	}
}

package org.medad.detector.liverfreq.net;

import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;
import org.medad.nn.layer.BatchNorm2d;
import org.medad.nn.layer.Conv2d;
import org.medad.nn.unet.Sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * DRAEM's reconstructive sub-network without skips (METHODS.md §3.3): encoder widths b, 2b, 4b, 8b, 8b with 2×2
 * max-pooling between, decoder of four [bilinear ×2 → conv] + [conv, conv] stages back to b, final conv to the output
 * channels without activation. Paper size b = 128.
 */
public final class ReconstructionNet extends Module {
	private final ConvStack[] encoder = new ConvStack[5];
	private final ConvStack[] up = new ConvStack[4];
	private final ConvStack[] decode = new ConvStack[4];
	private final Conv2d out;

	public ReconstructionNet(NDManager m, int in, int base, int outChannels) {
		super(m);
		long b = base;
		long[] widths = { b, 2 * b, 4 * b, 8 * b, 8 * b };
		long previous = in;
		for (int i = 0; i < 5; i++) {
			encoder[i] = child("encoder.block" + (i + 1), new ConvStack(m, previous, widths[i], widths[i]));
			previous = widths[i];
		}
		long[][] stages = { { 8 * b, 8 * b, 4 * b }, { 4 * b, 4 * b, 2 * b }, { 2 * b, 2 * b, b }, { b, b, b } };
		for (int i = 0; i < 4; i++) {
			long w = stages[i][0];
			up[i] = child("decoder.up" + (i + 1), new ConvStack(m, i == 0 ? 8 * b : stages[i - 1][2], w));
			decode[i] = child("decoder.db" + (i + 1), new ConvStack(m, w, stages[i][1], stages[i][2]));
		}
		this.out = child("decoder.fin_out", new Conv2d(m, b, outChannels, 3, 1, 1, true));
		initialise(this);
	}

	public NDArray forward(NDArray x) {
		NDArray h = encoder[0].forward(x);
		for (int i = 1; i < 5; i++) {
			h = encoder[i].forward(Sampling.maxPool2(h));
		}
		for (int i = 0; i < 4; i++) {
			h = decode[i].forward(up[i].forward(Sampling.upsample2(h)));
		}
		return out.forward(h);
	}

	/** DRAEM's initialisation: conv weights N(0, 0.02), BatchNorm γ N(1, 0.02), β 0; conv biases keep PyTorch's. */
	static void initialise(Module net) {
		NDManager m = net.manager();
		for (var e : net.namedParams().entrySet()) {
			String name = e.getKey();
			Param p = e.getValue();
			if (!p.trainable()) {
				continue;
			}
			if (p.shape().dimension() == 4) {
				p.set(Init.normal(m, 0.02, p.shape().getShape()));
			}
		}
		visitBatchNorms(net, bn -> bn.weight().set(Init.normal(m, 0.02, bn.weight().shape().getShape()).add(1f)));
	}

	static void visitBatchNorms(Module module, java.util.function.Consumer<BatchNorm2d> action) {
		for (Module child : module.childModules().values()) {
			if (child instanceof BatchNorm2d bn) {
				action.accept(bn);
			}
			visitBatchNorms(child, action);
		}
	}
}

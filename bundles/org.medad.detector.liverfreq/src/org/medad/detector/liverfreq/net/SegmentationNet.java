package org.medad.detector.liverfreq.net;

import org.medad.nn.Module;
import org.medad.nn.layer.Conv2d;
import org.medad.nn.unet.DoubleConv;
import org.medad.nn.unet.Sampling;
import org.medad.nn.unet.WeightDecayUp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * WDMT's U-Net with weight-decayed skip connections (METHODS.md §3.3): inc → four down steps (w, 2w, 4w, 8w, 8w)
 * → four up steps mixing the encoder feature with weight α, then a 1×1 conv to two classes; softmax channel 1 is the
 * anomaly map. Paper size w = 64.
 */
public final class SegmentationNet extends Module {
	private final DoubleConv inc;
	private final DoubleConv[] down = new DoubleConv[4];
	private final WeightDecayUp[] up = new WeightDecayUp[4];
	private final Conv2d out;

	public SegmentationNet(NDManager m, int in, int base) {
		super(m);
		long w = base;
		this.inc = child("inc", new DoubleConv(m, in, w, w, false));
		long[] widths = { w, 2 * w, 4 * w, 8 * w, 8 * w };
		for (int i = 0; i < 4; i++) {
			down[i] = child("down" + (i + 1), new DoubleConv(m, widths[i], widths[i + 1], widths[i + 1], false));
		}
		long[][] ups = { { 8 * w, 4 * w }, { 4 * w, 2 * w }, { 2 * w, w }, { w, w } };
		for (int i = 0; i < 4; i++) {
			up[i] = child("up" + (i + 1), new WeightDecayUp(m, ups[i][0], ups[i][1]));
		}
		this.out = child("outc", new Conv2d(m, w, 2, 1, 1, 0, true));
		ReconstructionNet.initialise(this);
	}

	/** Logits (B, 2, H, W); {@code alpha} weighs the skip connections (1 at the start of training, 0 at the end). */
	public NDArray forward(NDArray x, float alpha) {
		NDArray[] skips = new NDArray[5];
		skips[0] = inc.forward(x);
		for (int i = 0; i < 4; i++) {
			skips[i + 1] = down[i].forward(Sampling.maxPool2(skips[i]));
		}
		NDArray h = skips[4];
		for (int i = 0; i < 4; i++) {
			h = up[i].forward(h, skips[3 - i], alpha);
		}
		return out.forward(h);
	}
}

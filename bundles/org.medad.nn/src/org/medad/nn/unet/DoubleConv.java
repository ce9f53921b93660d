package org.medad.nn.unet;

import org.medad.nn.Container;
import org.medad.nn.Module;
import org.medad.nn.layer.Activation;
import org.medad.nn.layer.BatchNorm2d;
import org.medad.nn.layer.Conv2d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** [conv3×3 → BatchNorm → ReLU] × 2, named as PyTorch's {@code double_conv} Sequential (0, 1, 3, 4). */
public final class DoubleConv extends Module {
	private final Conv2d conv1;
	private final BatchNorm2d bn1;
	private final Conv2d conv2;
	private final BatchNorm2d bn2;

	public DoubleConv(NDManager m, long in, long mid, long out, boolean convBias) {
		super(m);
		Container seq = child("double_conv", new Container(m));
		this.conv1 = seq.add("0", new Conv2d(m, in, mid, 3, 1, 1, convBias));
		this.bn1 = seq.add("1", new BatchNorm2d(m, mid));
		this.conv2 = seq.add("3", new Conv2d(m, mid, out, 3, 1, 1, convBias));
		this.bn2 = seq.add("4", new BatchNorm2d(m, out));
	}

	public NDArray forward(NDArray input) {
		return scoped(input, x -> Activation.RELU.apply(bn2.forward(conv2.forward(
				Activation.RELU.apply(bn1.forward(conv1.forward(x)))))));
	}
}

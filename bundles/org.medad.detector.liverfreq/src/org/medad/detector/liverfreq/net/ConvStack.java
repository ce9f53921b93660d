package org.medad.detector.liverfreq.net;

import java.util.ArrayList;
import java.util.List;

import org.medad.nn.Module;
import org.medad.nn.layer.Activation;
import org.medad.nn.layer.BatchNorm2d;
import org.medad.nn.layer.Conv2d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** [conv3×3 (bias) → BatchNorm → ReLU] repeated, as DRAEM's Sequential blocks (indices 0,1 / 3,4 / ...). */
final class ConvStack extends Module {
	private final List<Conv2d> convs = new ArrayList<>();
	private final List<BatchNorm2d> norms = new ArrayList<>();

	/** {@code widths}: input channels, then the output channels of each conv. */
	ConvStack(NDManager m, long... widths) {
		super(m);
		for (int i = 0; i + 1 < widths.length; i++) {
			convs.add(child(Integer.toString(3 * i), new Conv2d(m, widths[i], widths[i + 1], 3, 1, 1, true)));
			norms.add(child(Integer.toString(3 * i + 1), new BatchNorm2d(m, widths[i + 1])));
		}
	}

	NDArray forward(NDArray input) {
		return scoped(input, x -> {
			NDArray y = x;
			for (int i = 0; i < convs.size(); i++) {
				y = Activation.RELU.apply(norms.get(i).forward(convs.get(i).forward(y)));
			}
			return y;
		});
	}
}

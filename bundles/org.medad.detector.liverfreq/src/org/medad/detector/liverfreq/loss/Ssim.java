package org.medad.detector.liverfreq.loss;

import org.medad.nn.Scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * DRAEM's SSIM (METHODS.md §3.4): 11×11 Gaussian window (σ 1.5) per channel, zero padding 5,
 * C1 = (0.01L)², C2 = (0.03L)² with the dynamic range L taken from the first image (255 if its max > 128, else 1;
 * minimum -1 if its min < -0.5, else 0). Returns the mean SSIM; the loss is 1 − SSIM.
 */
public final class Ssim {
	private static final int WINDOW = 11;
	private static final double SIGMA = 1.5;

	private Ssim() {
	}

	public static NDArray mean(NDArray a, NDArray b) {
		long channels = a.getShape().get(1);
		NDManager m = a.getManager();
		NDArray window = org.medad.nn.Module.owned(m, gaussianWindow(), new Shape(1, 1, WINDOW, WINDOW)).repeat(0, channels);
		float max = a.max().getFloat() > 128 ? 255 : 1;
		float min = a.min().getFloat() < -0.5f ? -1 : 0;
		double range = max - min;
		float c1 = (float) Math.pow(0.01 * range, 2);
		float c2 = (float) Math.pow(0.03 * range, 2);
		NDArray mu1 = blur(a, window, channels);
		NDArray mu2 = blur(b, window, channels);
		NDArray mu1sq = mu1.square();
		NDArray mu2sq = mu2.square();
		NDArray mu12 = mu1.mul(mu2);
		NDArray s1 = blur(a.square(), window, channels).sub(mu1sq);
		NDArray s2 = blur(b.square(), window, channels).sub(mu2sq);
		NDArray s12 = blur(a.mul(b), window, channels).sub(mu12);
		NDArray numerator = Scalar.mul(mu12, 2).add(c1).mul(Scalar.mul(s12, 2).add(c2));
		NDArray denominator = mu1sq.add(mu2sq).add(c1).mul(s1.add(s2).add(c2));
		return numerator.div(denominator).mean();
	}

	private static NDArray blur(NDArray x, NDArray window, long channels) {
		return Conv2d.conv2d(x, window, null, new Shape(1, 1), new Shape(WINDOW / 2, WINDOW / 2), new Shape(1, 1),
				(int) channels).singletonOrThrow();
	}

	static float[] gaussianWindow() {
		double[] g = new double[WINDOW];
		double sum = 0;
		for (int i = 0; i < WINDOW; i++) {
			g[i] = Math.exp(-Math.pow(i - WINDOW / 2, 2) / (2 * SIGMA * SIGMA));
			sum += g[i];
		}
		float[] w = new float[WINDOW * WINDOW];
		for (int i = 0; i < WINDOW; i++) {
			for (int j = 0; j < WINDOW; j++) {
				w[i * WINDOW + j] = (float) (g[i] / sum * g[j] / sum);
			}
		}
		return w;
	}
}

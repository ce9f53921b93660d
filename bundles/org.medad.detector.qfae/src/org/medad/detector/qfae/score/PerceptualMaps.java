package org.medad.detector.qfae.score;

import org.medad.detector.qfae.net.PerceptualModel;
import org.medad.nn.Scalar;
import org.medad.nn.resample.Interpolation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * QFAE's perceptual anomaly maps (METHODS.md §1.6): per layer i and patch size p, A = 1 - cos(Φ(x), Φ(x̂)) over
 * channels at each patch position (each norm clamped at 1e-8), plain bilinear (half-pixel) to the image size, then
 * the product over patch sizes. x and x̂ go through the perceptual model in one batch; gradients reach x̂ when it
 * carries them (training).
 */
public final class PerceptualMaps {
	private static final double EPS = 1e-8;

	private PerceptualMaps() {
	}

	/** (R, B, 1, size, size): one map per layer, the product over {@code patches}. */
	public static NDArray maps(PerceptualModel mae, NDArray x, NDArray xHat, int[] patches, int[] layers) {
		int size = mae.config().imgSize();
		NDArray product = null;
		for (int p : patches) {
			try (NDManager scope = NDManager.subManagerOf(x)) {
				scope.tempAttachAll(x, xHat);
				NDList raw = raw(mae, x, xHat, p, layers);
				NDArray resized = Interpolation.bilinear(NDArrays.stack(raw, 0), size, size, false);
				NDArray next = product == null ? resized : product.mul(resized);
				if (product != null) {
					product.close();
				}
				product = scope.ret(next);
			}
		}
		return product;
	}

	/** At one patch size: per layer (B, 1, n, n) before resizing. */
	public static NDList raw(PerceptualModel mae, NDArray x, NDArray xHat, int p, int[] layers) {
		long b = x.getShape().get(0);
		NDList both = mae.features(NDArrays.concat(new NDList(x, xHat), 0), p, layers);
		NDList out = new NDList();
		for (NDArray f : both) {
			NDList halves = f.split(new long[] { b }, 0);
			out.add(cosineDistance(halves.get(0), halves.get(1)));
		}
		return out;
	}

	/** 1 - cos over axis 1, keeping it: (B, C, n, n) pair → (B, 1, n, n). */
	static NDArray cosineDistance(NDArray a, NDArray b) {
		NDArray na = Scalar.max(a.norm(new int[] { 1 }, true), EPS);
		NDArray nb = Scalar.max(b.norm(new int[] { 1 }, true), EPS);
		NDArray cos = a.div(na).mul(b.div(nb)).sum(new int[] { 1 }, true);
		return cos.neg().add(1);
	}
}

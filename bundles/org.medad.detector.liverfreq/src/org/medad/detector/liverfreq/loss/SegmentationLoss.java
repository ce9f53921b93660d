package org.medad.detector.liverfreq.loss;

import org.medad.nn.Scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * L_seg = mean|M − P₁| + Focal(P, M) with γ = 2, α = 1, smoothing 1e-5 (METHODS.md §2.5, §3.4): the one-hot target
 * clamped to [1e-5, 1 − 1e-5], p_t = Σ onehot·P + 1e-5, focal = mean(−(1 − p_t)^γ · log p_t).
 */
public final class SegmentationLoss {
	private static final float SMOOTH = 1e-5f;

	private SegmentationLoss() {
	}

	/** {@code logits} (B, 2, H, W); {@code mask} (B, 1, H, W) in {0, 1}. */
	public static NDArray of(NDArray logits, NDArray mask, float gamma) {
		NDArray p = logits.softmax(1);
		NDArray p1 = p.get(":, 1:2, :, :");
		NDArray l1 = p1.sub(mask).abs().mean();
		NDArray oneHot = NDArrays.concat(new NDList(mask.neg().add(1), mask), 1).clip(SMOOTH, 1 - SMOOTH);
		NDArray pt = oneHot.mul(p).sum(new int[] { 1 }).add(SMOOTH);
		NDArray focal = Scalar.pow(pt.neg().add(1), gamma).mul(pt.log()).neg().mean();
		return l1.add(focal);
	}
}

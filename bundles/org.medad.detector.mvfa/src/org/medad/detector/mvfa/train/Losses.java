package org.medad.detector.mvfa.train;

import org.medad.nn.Scalar;

import ai.djl.ndarray.NDArray;

/**
 * MVFA's loss terms as the official code computes them (METHODS.md §2.5, {@code loss.py}, {@code train_few.py}):
 * focal and Dice on the upsampled softmax maps, and {@code BCEWithLogitsLoss} fed the mean abnormal probability as if
 * it were a logit.
 */
public final class Losses {
	static final double SMOOTH = 1e-5;

	private Losses() {
	}

	/**
	 * FocalLoss(gamma 2, alpha 1) on probabilities (B, 2, H, W) against a binary mask (B, H, W): the one-hot target
	 * clamped to [1e-5, 1 - 1e-5], p_t = Σ target·p + 1e-5, mean of -(1 - p_t)² log p_t.
	 */
	public static NDArray focal(NDArray probabilities, NDArray mask) {
		NDArray positive = mask.expandDims(1);
		NDArray target = Scalar.of(positive, 1).sub(positive).concat(positive, 1);
		NDArray clamped = target.clip(SMOOTH, 1 - SMOOTH);
		NDArray pt = clamped.mul(probabilities).sum(new int[] { 1 }).add(Scalar.of(probabilities, SMOOTH));
		NDArray miss = Scalar.of(pt, 1).sub(pt);
		return miss.mul(miss).mul(pt.log()).mean().neg();
	}

	/** BinaryDiceLoss(smooth 1) of the abnormal probability (B, H, W) against the mask, averaged over the batch. */
	public static NDArray dice(NDArray abnormal, NDArray mask) {
		long b = abnormal.getShape().get(0);
		NDArray p = abnormal.reshape(b, -1);
		NDArray t = mask.reshape(b, -1);
		NDArray num = Scalar.mul(p.mul(t).sum(new int[] { 1 }), 2).add(Scalar.of(p, 1));
		NDArray den = p.sum(new int[] { 1 }).add(t.sum(new int[] { 1 })).add(Scalar.of(p, 1));
		return Scalar.of(p, 1).sub(num.div(den)).mean();
	}

	/** BCEWithLogitsLoss(x, y) = mean(max(x, 0) - x·y + log(1 + e^{-|x|})), x being a probability here. */
	public static NDArray bceWithLogits(NDArray x, NDArray y) {
		NDArray relu = Scalar.max(x, 0);
		NDArray e = x.abs().neg().exp();
		NDArray soft = e.add(Scalar.of(e, 1)).log();
		return relu.sub(x.mul(y)).add(soft).mean();
	}
}

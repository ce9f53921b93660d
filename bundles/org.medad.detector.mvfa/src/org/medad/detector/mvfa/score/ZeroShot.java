package org.medad.detector.mvfa.score;

import org.medad.nn.Scalar;
import org.medad.nn.resample.Interpolation;

import ai.djl.ndarray.NDArray;

/**
 * Zero-shot scores of one level (METHODS.md §2.4, the official {@code test_zero.test}): patch tokens (class row
 * dropped) normalised, logits 100·t·T against the text features; the map upsamples the logits bilinearly
 * (align_corners=True) and then takes the abnormal softmax, the image score averages the per-patch abnormal
 * probability. The temperature is the code's constant, not the model's logit_scale.
 */
public final class ZeroShot {
	static final float TEMPERATURE = 100f;

	private ZeroShot() {
	}

	/** Level tokens (B, 1 + P, D) and text features (D, 2) → logits (B, P, 2). */
	public static NDArray logits(NDArray tokens, NDArray textFeatures) {
		NDArray patches = tokens.get(":, 1:, :");
		NDArray unit = patches.div(patches.norm(new int[] { -1 }, true));
		return Scalar.mul(unit, TEMPERATURE).matMul(textFeatures);
	}

	/** Logits (B, P, 2) → the abnormal probability map (B, side, side). */
	public static NDArray map(NDArray logits, int side) {
		return probabilities(logits, side).get(":, 1");
	}

	/** Logits (B, P, 2) → softmax over the two classes of the upsampled logits (B, 2, side, side). */
	public static NDArray probabilities(NDArray logits, int side) {
		long b = logits.getShape().get(0);
		int grid = grid(logits);
		NDArray planes = logits.transpose(0, 2, 1).reshape(b, 2, grid, grid);
		return Interpolation.bilinear(planes, side, side, true).softmax(1);
	}

	/** Per-patch abnormal probabilities (B, P). */
	public static NDArray patchProbabilities(NDArray logits) {
		return logits.softmax(-1).get(":, :, 1");
	}

	/** Logits (B, P, 2) → the image score (B): the mean abnormal probability over patches. */
	public static NDArray imageScore(NDArray logits) {
		return patchProbabilities(logits).mean(new int[] { 1 });
	}

	static int grid(NDArray logits) {
		long p = logits.getShape().get(1);
		int g = (int) Math.round(Math.sqrt(p));
		if ((long) g * g != p) {
			throw new IllegalArgumentException(p + " patches are not a square grid");
		}
		return g;
	}
}

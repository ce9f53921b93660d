package org.medad.detector.mvfa.train;

import java.util.ArrayList;
import java.util.List;

import org.medad.detector.mvfa.net.InplantedClip;
import org.medad.detector.mvfa.score.ZeroShot;

import ai.djl.ndarray.NDArray;

/**
 * One training step's loss as the official {@code train_few.py} adds it up (METHODS.md §2.5): per level the
 * detection BCE on the mean abnormal probability and, for data sets with masks, focal + Dice on the upsampled
 * softmax map; {@code loss = seg_loss + det_loss} with seg_loss = f₀ + d₀ + f₁ + d₁ + …
 */
public final class MvfaLoss {
	private MvfaLoss() {
	}

	/** The total and its parts (per level, for the record and for checks against the reference). */
	public record Terms(NDArray loss, NDArray segLoss, NDArray detLoss, List<NDArray> focal, List<NDArray> dice,
			List<NDArray> bce) {
	}

	/**
	 * @param mask binary mask (B, side, side), or null for data sets without masks (detection loss only)
	 * @param label (B) 0 normal, 1 anomalous
	 */
	public static Terms of(InplantedClip.Tokens tokens, NDArray textFeatures, NDArray mask, NDArray label, int side) {
		List<NDArray> focal = new ArrayList<>();
		List<NDArray> dice = new ArrayList<>();
		List<NDArray> bce = new ArrayList<>();
		NDArray seg = null;
		NDArray det = null;
		for (int l = 0; l < tokens.det().size(); l++) {
			NDArray score = ZeroShot.imageScore(ZeroShot.logits(tokens.det().get(l), textFeatures));
			NDArray b = Losses.bceWithLogits(score, label);
			bce.add(b);
			det = det == null ? b : det.add(b);
			if (mask != null) {
				NDArray logits = ZeroShot.logits(tokens.seg().get(l), textFeatures);
				NDArray p = ZeroShot.probabilities(logits, side);
				NDArray f = Losses.focal(p, mask);
				NDArray d = Losses.dice(p.get(":, 1"), mask);
				focal.add(f);
				dice.add(d);
				seg = seg == null ? f.add(d) : seg.add(f).add(d);
			}
		}
		NDArray loss = seg == null ? det : seg.add(det);
		return new Terms(loss, seg, det, focal, dice, bce);
	}
}

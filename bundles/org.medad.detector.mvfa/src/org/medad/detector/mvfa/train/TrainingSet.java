package org.medad.detector.mvfa.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The images MVFA's adapters train on, as the official loaders give them: few-shot, every augmented variant of the
 * anomalous and then the normal shots (labels 1 and 0, masks binarised after the transform); zero-shot, the cases
 * of the other data sets as they are, each with its own text features.
 */
public final class TrainingSet {
	/** One sample: CHW image in [0, 1], binary mask (null when the data set has none), label, text features index. */
	public record Sample(float[] image, float[] mask, boolean anomalous, int textIndex) {
	}

	private final List<Sample> samples = new ArrayList<>();

	public void add(Sample s) {
		samples.add(s);
	}

	public int size() {
		return samples.size();
	}

	public Sample get(int i) {
		return samples.get(i);
	}

	/**
	 * Few-shot: the 11 variants of each anomalous shot, then those of the normal shots ({@code cat([abnormal, normal])}
	 * as {@code train_few.py} builds it); a normal shot's mask is all zero.
	 *
	 * @param masks per anomalous shot its {0, 1} mask (h·w), or null when the data set has none
	 * @param normalVariants {@link SupportAugment#all} of the normal shots (the memory bank's images too)
	 */
	public static TrainingSet fewShot(SupportAugment augment, List<float[]> anomalous, List<float[]> masks,
			List<float[]> normalVariants, int h, int w) {
		TrainingSet set = new TrainingSet();
		List<float[]> a = augment.all(anomalous, 3, h, w);
		List<float[]> am = masks == null ? null : augment.all(masks, 1, h, w);
		for (int i = 0; i < a.size(); i++) {
			set.add(new Sample(a.get(i), am == null ? null : binary(am.get(i)), true, 0));
		}
		for (float[] n : normalVariants) {
			set.add(new Sample(n, masks == null ? null : new float[h * w], false, 0));
		}
		return set;
	}

	/** mask > 0.5, as the official test and train loops threshold the transformed masks. */
	public static float[] binary(float[] mask) {
		float[] b = new float[mask.length];
		for (int i = 0; i < b.length; i++) {
			b[i] = mask[i] > 0.5f ? 1f : 0f;
		}
		return b;
	}
}

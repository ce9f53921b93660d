package org.medad.detector.liverfreq.synth;

import java.util.Random;

/**
 * Pseudo-lesions inside the organ (METHODS.md §3.1): a thresholded, rotated Perlin mask M_P times the organ mask
 * M_I ("Local"), an anomaly texture A blended with opacity β ~ U[βmin, βmax]:
 * I_a = (1−M)⊙I + (1−β)·M⊙I + β·M⊙A. A share of samples stays clean (zero mask); an empty M is label 0.
 */
public final class AnomalySynthesizer {

	/**
	 * One training sample: the clean image after the optional rotation (the reconstruction target), the possibly
	 * altered image, its mask, whether it holds a pseudo-lesion.
	 */
	public record Sample(float[] base, float[] image, float[] mask, boolean anomalous) {
	}

	private final AnomalySource source;
	private final boolean local;
	private final double cleanShare;
	private final double betaMin;
	private final double betaMax;
	private final double rotateProbability;

	public AnomalySynthesizer(AnomalySource source, boolean local, double cleanShare, double betaMin, double betaMax,
			double rotateProbability) {
		this.source = source;
		this.local = local;
		this.cleanShare = cleanShare;
		this.betaMin = betaMin;
		this.betaMax = betaMax;
		this.rotateProbability = rotateProbability;
	}

	/**
	 * @param image size×size in [0, 1]
	 * @param organ size×size organ mask (non-zero = organ) or null for "non-zero pixels of the image"
	 */
	public Sample sample(float[] image, float[] organ, int size, Random r) {
		float[] img = image;
		float[] organMask = organ;
		if (r.nextDouble() < rotateProbability) {
			double angle = r.nextDouble() * 180 - 90;
			img = Planes.rotate(image, size, size, angle);
			organMask = organ == null ? null : Planes.rotateNearest(organ, size, size, angle);
		}
		float[] zero = new float[size * size];
		if (r.nextDouble() < cleanShare) {
			return new Sample(img, img, zero, false);
		}
		float[] mask = perlinMask(size, r);
		if (local) {
			for (int i = 0; i < mask.length; i++) {
				boolean inside = organMask == null ? img[i] > 0 : organMask[i] > 0;
				if (!inside) {
					mask[i] = 0;
				}
			}
		}
		boolean any = false;
		for (float v : mask) {
			if (v > 0) {
				any = true;
				break;
			}
		}
		if (!any) {
			return new Sample(img, img, zero, false);
		}
		float[] texture = source.next(size, r);
		double beta = betaMin + (betaMax - betaMin) * r.nextDouble();
		float[] out = new float[img.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = (float) (mask[i] > 0 ? (1 - beta) * img[i] + beta * texture[i] : img[i]);
		}
		return new Sample(img, out, mask, true);
	}

	/** M_P: Perlin noise at lattice (2^a, 2^b), a, b ~ U{0..5}, rotated U(−90°, 90°), thresholded at 0.5. */
	static float[] perlinMask(int size, Random r) {
		int maxExp = Math.min(5, Integer.numberOfTrailingZeros(size));
		int resY = 1 << r.nextInt(maxExp + 1);
		int resX = 1 << r.nextInt(maxExp + 1);
		float[] noise = Planes.rotate(Perlin.noise(size, size, resY, resX, r), size, size, r.nextDouble() * 180 - 90);
		float[] mask = new float[noise.length];
		for (int i = 0; i < mask.length; i++) {
			mask[i] = noise[i] > 0.5f ? 1 : 0;
		}
		return mask;
	}

	public String describeSource() {
		return source.describe();
	}
}

package org.medad.detector.liverfreq.synth;

import java.util.Random;

/**
 * Procedural texture when no anomaly source folder is given: two octaves of Perlin noise at random lattice scales,
 * rescaled to [0, 1], then DRAEM's augmenters. Used with a logged warning: the paper's source is brain-tumour MRI.
 */
public final class TextureSource implements AnomalySource {

	@Override
	public float[] next(int size, Random random) {
		int a = 1 << (1 + random.nextInt(Math.max(1, Math.min(5, Integer.numberOfTrailingZeros(size)))));
		int b = Math.min(size, a * 2);
		float[] coarse = Perlin.noise(size, size, a, a, random);
		float[] fine = Perlin.noise(size, size, b, b, random);
		float[] t = new float[size * size];
		float lo = Float.MAX_VALUE;
		float hi = -Float.MAX_VALUE;
		for (int i = 0; i < t.length; i++) {
			t[i] = coarse[i] + 0.5f * fine[i];
			lo = Math.min(lo, t[i]);
			hi = Math.max(hi, t[i]);
		}
		for (int i = 0; i < t.length; i++) {
			t[i] = hi > lo ? (t[i] - lo) / (hi - lo) : 0.5f;
		}
		return SourceAugment.apply(t, size, size, random);
	}

	@Override
	public String describe() {
		return "procedural Perlin texture";
	}
}

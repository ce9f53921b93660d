package org.medad.detector.liverfreq.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Pseudo-lesions: only inside the organ, blended with the stated opacity, a clean share, reproducible. */
public class AnomalySynthesizerTest {
	static final int S = 64;

	/** A disc "organ" of radius 20 with texture, background exactly 0. */
	public static float[] organ() {
		float[] p = new float[S * S];
		for (int y = 0; y < S; y++) {
			for (int x = 0; x < S; x++) {
				double d = Math.hypot(x - 32, y - 32);
				p[y * S + x] = d < 20 ? (float) (0.4 + 0.1 * Math.sin(x / 3.0)) : 0;
			}
		}
		return p;
	}

	@Test
	void masksLieOnlyInsideTheOrgan() {
		AnomalySynthesizer synth = new AnomalySynthesizer(new TextureSource(), true, 0, 0.1, 1.0, 0.3);
		Random r = new Random(1);
		float[] img = organ();
		int anomalous = 0;
		for (int k = 0; k < 60; k++) {
			AnomalySynthesizer.Sample s = synth.sample(img, null, S, r);
			for (int i = 0; i < img.length; i++) {
				if (s.mask()[i] > 0) {
					assertTrue(s.base()[i] > 0, "mask pixel outside the organ at " + i);
				} else {
					assertEquals(s.base()[i], s.image()[i], 0f, "pixels outside the mask are untouched");
				}
			}
			anomalous += s.anomalous() ? 1 : 0;
		}
		assertTrue(anomalous > 20, anomalous + " of 60 samples got a lesion");
	}

	@Test
	void withoutLocalTheMaskReachesTheBackground() {
		AnomalySynthesizer synth = new AnomalySynthesizer(new TextureSource(), false, 0, 0.1, 1.0, 0);
		Random r = new Random(2);
		boolean outside = false;
		for (int k = 0; k < 40 && !outside; k++) {
			AnomalySynthesizer.Sample s = synth.sample(organ(), null, S, r);
			for (int i = 0; i < S * S; i++) {
				outside |= s.mask()[i] > 0 && s.base()[i] == 0;
			}
		}
		assertTrue(outside, "with local=false pseudo-lesions also fall outside the organ");
	}

	@Test
	void blendFollowsTheOpacity() {
		float[] constant = new float[S * S];
		java.util.Arrays.fill(constant, 0.5f);
		AnomalySource white = new AnomalySource() {
			@Override
			public float[] next(int size, Random random) {
				float[] t = new float[size * size];
				java.util.Arrays.fill(t, 1f);
				return t;
			}

			@Override
			public String describe() {
				return "white";
			}
		};
		AnomalySynthesizer synth = new AnomalySynthesizer(white, true, 0, 0.4, 0.4, 0);
		AnomalySynthesizer.Sample s;
		Random r = new Random(3);
		do {
			s = synth.sample(constant, null, S, r);
		} while (!s.anomalous());
		for (int i = 0; i < S * S; i++) {
			assertEquals(s.mask()[i] > 0 ? 0.6f * 0.5f + 0.4f : 0.5f, s.image()[i], 1e-6f);
		}
	}

	@Test
	void cleanShareAndReproducibility() {
		AnomalySynthesizer synth = new AnomalySynthesizer(new TextureSource(), true, 0.5, 0.1, 1.0, 0.3);
		Random r = new Random(4);
		int clean = 0;
		for (int k = 0; k < 200; k++) {
			clean += synth.sample(organ(), null, S, r).anomalous() ? 0 : 1;
		}
		assertTrue(clean > 80 && clean < 160, clean + " clean of 200 (half by design, plus empty masks)");
		var a = synth.sample(organ(), null, S, new Random(9));
		var b = synth.sample(organ(), null, S, new Random(9));
		assertArrayEquals(a.image(), b.image());
		assertArrayEquals(a.mask(), b.mask());
	}

	@Test
	void perlinIsBoundedAndSeeded() {
		float[] n = Perlin.noise(64, 64, 4, 8, new Random(5));
		for (float v : n) {
			assertTrue(Math.abs(v) <= Math.sqrt(2) + 1e-6, "value " + v);
		}
		assertArrayEquals(n, Perlin.noise(64, 64, 4, 8, new Random(5)));
		assertEquals(0f, n[0], 0f, "zero at lattice points");
	}
}

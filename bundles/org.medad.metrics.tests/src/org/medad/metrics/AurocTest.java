package org.medad.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AurocTest {

	@Test
	void sklearnDocumentationExample() {
		// sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
		assertEquals(0.75, Auroc.of(new double[] { 0.1, 0.4, 0.35, 0.8 }, labels(0, 0, 1, 1)), 1e-12);
	}

	@Test
	void tiesCountHalf() {
		// roc_auc_score([0, 0, 1, 1], [1, 2, 2, 3]) == 0.875
		assertEquals(0.875, Auroc.of(new double[] { 1, 2, 2, 3 }, labels(0, 0, 1, 1)), 1e-12);
		assertEquals(0.5, Auroc.of(new double[] { 5, 5, 5, 5 }, labels(0, 1, 0, 1)), 1e-12);
	}

	@Test
	void perfectAndInverted() {
		assertEquals(1.0, Auroc.of(new double[] { 0, 1, 2, 3 }, labels(0, 0, 1, 1)));
		assertEquals(0.0, Auroc.of(new double[] { 3, 2, 1, 0 }, labels(0, 0, 1, 1)));
	}

	@Test
	void oneClassOnlyIsUndefined() {
		assertTrue(Double.isNaN(Auroc.of(new double[] { 1, 2 }, labels(0, 0))));
	}

	@Test
	void matchesPairCountingOnRandomTiedData() {
		Random r = new Random(42);
		for (int trial = 0; trial < 50; trial++) {
			int n = 2 + r.nextInt(200);
			double[] s = new double[n];
			boolean[] y = new boolean[n];
			for (int i = 0; i < n; i++) {
				s[i] = r.nextInt(10); // many ties
				y[i] = r.nextBoolean();
			}
			double pairs = 0;
			double wins = 0;
			for (int i = 0; i < n; i++) {
				for (int j = 0; j < n; j++) {
					if (y[i] && !y[j]) {
						pairs++;
						wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
					}
				}
			}
			double expected = pairs == 0 ? Double.NaN : wins / pairs;
			assertEquals(expected, Auroc.of(s, y), 1e-12, "trial " + trial);
		}
	}

	@Test
	void pixelAurocPoolsAllPixels() {
		PixelSamples p = new PixelSamples();
		p.add(new float[] { 0.1f, 0.4f }, new float[] { 0, 0 }, 2, 1);
		p.add(new float[] { 0.35f, 0.8f }, new float[] { 1, 255 }, 2, 1);
		assertEquals(4, p.pixels());
		assertEquals(0.75, Auroc.of(p.curve()), 1e-12);
	}

	@Test
	void f1MaxPicksTheBestThreshold() {
		F1Max f = F1Max.of(new double[] { 0.1, 0.4, 0.35, 0.8 }, labels(0, 0, 1, 1));
		// threshold 0.35: tp=2 fp=1 fn=0 -> F1 = 4/5
		assertEquals(0.8, f.f1(), 1e-12);
		assertEquals(0.35, f.threshold(), 1e-12);
	}

	static boolean[] labels(int... v) {
		boolean[] b = new boolean[v.length];
		for (int i = 0; i < v.length; i++) {
			b[i] = v[i] != 0;
		}
		return b;
	}
}

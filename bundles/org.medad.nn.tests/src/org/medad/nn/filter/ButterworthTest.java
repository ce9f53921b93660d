package org.medad.nn.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medad.nn.NnTesting.assertClose;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.model.Tensor;
import org.medad.nn.NnTesting;

/** The Butterworth high-pass against torch.fft, and its analytic behaviour on constant and oscillating images. */
class ButterworthTest {

	@Test
	void matchesTorchFft(@TempDir Path tmp) throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("butterworth.safetensors", tmp);
		assertClose(f.get("highpass.d3.n2").data(), Butterworth.highPass(f.get("image").data(), 16, 16, 3, 2), 1e-5, "D0=3, n=2");
	}

	@Test
	void removesTheMeanAndKeepsTheHighestFrequency() {
		for (int n : new int[] { 16, 15 }) { // radix-2 and direct DFT paths
			float[] flat = new float[n * n];
			java.util.Arrays.fill(flat, 0.7f);
			float[] out = Butterworth.highPass(flat, n, n, 30, 2);
			for (float v : out) {
				assertEquals(0, v, 1e-6, "a constant image has only the DC term, and H(0) ~ 1e-25");
			}
		}
		int n = 64;
		float[] checker = new float[n * n];
		for (int i = 0; i < checker.length; i++) {
			checker[i] = ((i / n + i % n) % 2 == 0) ? 1 : -1;
		}
		float[] out = Butterworth.highPass(checker, n, n, 3, 2);
		// the checkerboard sits at distance 32·√2 from the centre: gain 1/(1+(3/45.25)^4) = 0.99998
		double gain = 1 / (1 + Math.pow(3 / (32 * Math.sqrt(2) + 1e-6), 4));
		for (int i = 0; i < out.length; i++) {
			assertEquals(checker[i] * gain, out[i], 1e-5);
		}
	}
}

package org.medad.nn.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.medad.nn.NnTesting.assertClose;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medad.core.model.Tensor;
import org.medad.nn.NnTesting;

import ai.djl.ndarray.NDManager;

/** Resize matrices, FlexiViT kernels, position tables and map interpolation against PyTorch (float64 references). */
class ResampleTest {
	static Map<String, Tensor> ref;

	@BeforeAll
	static void load(@TempDir Path tmp) throws Exception {
		ref = NnTesting.tensors("resample.safetensors", tmp);
	}

	private static float[] flat(double[][] m) {
		float[] out = new float[m.length * m[0].length];
		for (int i = 0; i < m.length; i++) {
			for (int j = 0; j < m[0].length; j++) {
				out[i * m[0].length + j] = (float) m[i][j];
			}
		}
		return out;
	}

	@ParameterizedTest
	@CsvSource({ "BICUBIC,16,8", "BICUBIC,16,32", "BICUBIC,16,56", "BICUBIC,14,28", "BICUBIC,14,7", "BICUBIC,14,4",
			"BICUBIC,24,17", "BICUBIC,37,16", "BILINEAR,240,224", "BILINEAR,512,224", "BILINEAR,7,12" })
	void antialiasMatricesMatchPyTorch(Filter filter, int in, int out) {
		Tensor expected = ref.get(filter.name().toLowerCase() + "." + in + "to" + out);
		assertClose(expected.data(), flat(AntialiasResize.matrix(in, out, filter)), 1e-6, filter + " " + in + "->" + out);
	}

	@ParameterizedTest
	@CsvSource({ "8", "32", "56" })
	void flexiVitKernelMatchesTimmPseudoInverse(int p) {
		Tensor kernel = ref.get("flexi.kernel16");
		float[] got = PatchEmbedResample.resample(kernel.data(), 2, 3, 16, p);
		Tensor expected = ref.get("flexi.kernel" + p);
		assertArrayEquals(new long[] { 2, 3, p, p }, expected.shape());
		assertClose(expected.data(), got, 1e-4, "kernel 16->" + p);
	}

	@Test
	void upsampledKernelGivesTheSameResponseOnResizedPatches() {
		// the defining property when upsampling: <resize(z), w'> = <z, w> exactly for every patch z
		Tensor kernel = ref.get("flexi.kernel16");
		float[] w = java.util.Arrays.copyOf(kernel.data(), 256);
		float[] w32 = PatchEmbedResample.resample(w, 1, 1, 16, 32);
		java.util.Random r = new java.util.Random(3);
		double[] z = new double[256];
		for (int i = 0; i < z.length; i++) {
			z[i] = r.nextGaussian();
		}
		double[] z32 = AntialiasResize.resize(z, 1, 16, 16, 32, 32, Filter.BICUBIC);
		double a = 0;
		double b = 0;
		for (int i = 0; i < 256; i++) {
			a += z[i] * w[i];
		}
		for (int i = 0; i < z32.length; i++) {
			b += z32[i] * w32[i];
		}
		assertEquals(a, b, 1e-4 * Math.max(1, Math.abs(a)));
	}

	@ParameterizedTest
	@CsvSource({ "28", "7", "4" })
	void positionTableKeepsClassRowAndResizesTheGrid(int n) {
		Tensor in = ref.get("pos.in");
		float[] got = PositionEmbeddingResample.resample(in.data(), 1, 14, n, 12);
		assertClose(ref.get("pos." + n).data(), got, 1e-5, "pos 14->" + n);
		assertArrayEquals(java.util.Arrays.copyOf(in.data(), 12), java.util.Arrays.copyOf(got, 12));
	}

	@Test
	void wrongTableSizeIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> PositionEmbeddingResample.resample(new float[10 * 12], 1, 14, 7, 12));
	}

	@Test
	void bilinearMapsWithBothAlignCornerConventions() throws Exception {
		try (NDManager m = NnTesting.manager()) {
			var map = NnTesting.array(m, ref.get("map.17"));
			assertClose(ref.get("map.17to240.ac"), Interpolation.bilinear(map, 240, 240, true), 1e-5, "align_corners=True");
			assertClose(ref.get("map.17to240.hp"), Interpolation.bilinear(map, 240, 240, false), 1e-5, "align_corners=False");
		}
	}
}

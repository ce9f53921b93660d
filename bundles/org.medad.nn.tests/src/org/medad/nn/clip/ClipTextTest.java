package org.medad.nn.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.medad.nn.NnTesting.assertClose;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.model.Tensor;
import org.medad.nn.NnTesting;
import org.medad.nn.checkpoint.KeyMaps;
import org.medad.nn.checkpoint.StateDicts;
import org.medad.nn.layer.Activation;

import ai.djl.ndarray.NDManager;

/** The BPE tokenizer on METHODS.md's test vectors and the text tower against PyTorch. */
class ClipTextTest {
	static ClipTokenizer tokenizer;

	@BeforeAll
	static void vocabulary() throws Exception {
		tokenizer = ClipTokenizer.bundled();
	}

	private static int[] prefix(int[] ids, int n) {
		return java.util.Arrays.copyOf(ids, n);
	}

	@Test
	void promptsTokenizeAsOpenAiDoes() {
		assertArrayEquals(new int[] { 49406, 320, 2103, 1125, 539, 320, 4812, 269, 49407 },
				prefix(tokenizer.tokenize("a bad photo of a brain.", 77), 9));
		assertArrayEquals(new int[] { 49406, 997, 533, 320, 12639, 593, 44013, 530, 518, 3562, 269, 49407 },
				prefix(tokenizer.tokenize("there is a liver with defect in the scene.", 77), 12));
		int[] padded = tokenizer.tokenize("a photo of the liver.", 77);
		assertEquals(77, padded.length);
		assertEquals(0, padded[76]);
	}

	@Test
	void cleaningLowercasesUnescapesAndCollapsesWhitespace() {
		assertEquals(tokenizer.encode("a bad photo of a brain."), tokenizer.encode("  A  BAD photo&#32;of a Brain. "));
		assertEquals(tokenizer.encode("rock & roll"), tokenizer.encode("rock &amp;amp; roll"));
	}

	@Test
	void tooLongTextIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> tokenizer.tokenize("word ".repeat(80), 77));
	}

	@Test
	void textTowerMatchesPyTorch(@TempDir Path tmp) throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("clip_text.safetensors", tmp);
		float[] idsF = f.get("ids").data();
		int[][] ids = new int[2][8];
		for (int i = 0; i < 16; i++) {
			ids[i / 8][i % 8] = (int) idsF[i];
		}
		try (NDManager m = NnTesting.manager()) {
			TextTransformer text = new TextTransformer(m, 50, 8, 16, 2, 2, 12, Activation.GELU);
			Map<String, Tensor> w = new java.util.LinkedHashMap<>(f);
			w.keySet().removeIf(k -> k.equals("ids") || k.startsWith("out."));
			StateDicts.load(text, KeyMaps.clipText(w), "fixture");
			int before = ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
			assertClose(f.get("out.embedding"), text.forward(m, ids), 1e-4, "text embedding");
			assertEquals(before + 1, ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size(),
					"only the result stays in the caller's manager");
		}
	}
}

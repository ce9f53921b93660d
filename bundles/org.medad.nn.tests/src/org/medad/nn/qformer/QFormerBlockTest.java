package org.medad.nn.qformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medad.nn.NnTesting.array;
import static org.medad.nn.NnTesting.assertClose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.model.Tensor;
import org.medad.nn.NnTesting;
import org.medad.nn.checkpoint.StateDicts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** QFAE's Q-Former block (causal multi-query self-attention, null-key cross-attention, no residuals) against PyTorch. */
class QFormerBlockTest {
	@TempDir
	Path tmp;

	@Test
	void eachStageMatchesTheReference() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("qformer.safetensors", tmp);
		Map<String, Tensor> w = new LinkedHashMap<>(f);
		w.keySet().removeIf(k -> k.startsWith("out.") || k.equals("context"));
		try (NDManager m = NnTesting.manager()) {
			QFormer qformer = new QFormer(m, 6, 32, 24, 4, 8, 128, 1, 0.01f);
			StateDicts.load(qformer, w, "fixture");
			NDArray context = array(m, f.get("context"));
			NDArray queries = array(m, f.get("queries")).broadcast(2, 6, 32);
			QFormerBlock block = (QFormerBlock) qformerBlock(qformer);
			NDArray[] stages = block.stages(queries, context);
			assertClose(f.get("out.self"), stages[0], 1e-4, "causal multi-query self-attention");
			assertClose(f.get("out.cross"), stages[1], 1e-4, "cross-attention with null key/value");
			assertClose(f.get("out.block"), qformer.forward(context), 1e-4, "block output");
		}
	}

	@Test
	void causalityFirstQueryIgnoresTheOthers() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("qformer.safetensors", tmp);
		Map<String, Tensor> w = new LinkedHashMap<>(f);
		w.keySet().removeIf(k -> k.startsWith("out.") || k.equals("context"));
		try (NDManager m = NnTesting.manager()) {
			QFormer qformer = new QFormer(m, 6, 32, 24, 4, 8, 128, 1, 0.01f);
			StateDicts.load(qformer, w, "fixture");
			MultiQueryAttention attn = new MultiQueryAttention(m, 32, 4, true);
			StateDicts.load(attn, StateDicts.under(w, "blocks.0.attn."), "fixture");
			NDArray q = array(m, f.get("queries"));
			NDArray changed = q.duplicate();
			changed.set(new ai.djl.ndarray.index.NDIndex("0, 5, :"), 7f);
			float[] a = attn.forward(q).get("0, 0, :").toFloatArray();
			float[] b = attn.forward(changed).get("0, 0, :").toFloatArray();
			NnTesting.assertClose(a, b, 0, "query 0 must not see query 5");
			float[] c = attn.forward(q).get("0, 5, :").toFloatArray();
			float[] d = attn.forward(changed).get("0, 5, :").toFloatArray();
			double diff = 0;
			for (int i = 0; i < c.length; i++) {
				diff += Math.abs(c[i] - d[i]);
			}
			assertTrue(diff > 1e-3, "query 5 sees itself");
			assertEquals(32 * 48 + 48 + 32 * 32 + 32, attn.size());
		}
	}

	private static Object qformerBlock(QFormer q) {
		return q.childModules().get("blocks").childModules().get("0");
	}
}

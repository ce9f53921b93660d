package org.medad.nn.vit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medad.nn.NnTesting.array;
import static org.medad.nn.NnTesting.assertClose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.nn.NnTesting;
import org.medad.nn.checkpoint.KeyMaps;
import org.medad.nn.checkpoint.StateDicts;
import org.medad.nn.layer.Activation;
import org.medad.nn.vit.VitConfig.PosEmbed;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/** Tiny ViTs of each family against PyTorch reference outputs (tools/fixtures/nn_fixtures.py), within 1e-4. */
class VisionTransformerTest {
	@TempDir
	Path tmp;

	static Map<String, Tensor> weights(Map<String, Tensor> fixture) {
		Map<String, Tensor> w = new LinkedHashMap<>(fixture);
		w.keySet().removeIf(k -> k.equals("input") || k.startsWith("out."));
		return w;
	}

	@Test
	void dinov2WithRegistersAndLayerScale() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("vit_dinov2reg.safetensors", tmp);
		VitConfig c = new VitConfig("tiny-dinov2", 28, 7, 3, 32, 3, 4, 64, true, true, true, true, 4, PosEmbed.LEARNED,
				false, false, 1e-6, Activation.GELU);
		try (NDManager m = NnTesting.manager()) {
			VisionTransformer vit = new VisionTransformer(m, c);
			StateDicts.load(vit, weights(f), "fixture");
			NDList out = vit.intermediates(array(m, f.get("input")), 2, 0);
			assertClose(f.get("out.block2"), out.get(0), 1e-4, "block 2");
			assertClose(f.get("out.block0"), out.get(1), 1e-4, "block 0");
			assertClose(f.get("out.final"), vit.forward(array(m, f.get("input"))), 1e-4, "final norm");
			assertEquals(21, out.get(0).getShape().get(1), "cls + 4 registers + 16 patches");
		}
	}

	@Test
	void maeWithClassRowInThePositionTable() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("vit_mae.safetensors", tmp);
		VitConfig c = new VitConfig("tiny-mae", 24, 8, 3, 32, 2, 4, 64, true, true, false, true, 0, PosEmbed.LEARNED,
				true, false, 1e-6, Activation.GELU);
		try (NDManager m = NnTesting.manager()) {
			VisionTransformer vit = new VisionTransformer(m, c);
			StateDicts.load(vit, weights(f), "fixture");
			assertClose(f.get("out.block1"), vit.intermediates(array(m, f.get("input")), 1).get(0), 1e-4, "block 1");
			assertClose(f.get("out.final"), vit.forward(array(m, f.get("input"))), 1e-4, "final norm");
		}
	}

	@Test
	void clipVisualFromOpenAiNamesWithQuickGelu() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("vit_clip_openai.safetensors", tmp);
		VitConfig c = new VitConfig("clip-tiny", 21, 7, 3, 32, 2, 4, 128, true, false, false, true, 0, PosEmbed.LEARNED,
				true, true, 1e-5, Activation.QUICK_GELU);
		try (NDManager m = NnTesting.manager()) {
			VisionTransformer vit = new VisionTransformer(m, c);
			StateDicts.load(vit, KeyMaps.clipVisual(weights(f)), "fixture");
			NDList out = vit.intermediates(array(m, f.get("input")), 0, 1);
			assertClose(f.get("out.block0"), out.get(0), 1e-4, "block 0");
			assertClose(f.get("out.block1"), out.get(1), 1e-4, "block 1");
			assertClose(f.get("out.final"), vit.forward(array(m, f.get("input"))), 1e-4, "ln_post");
		}
	}

	@Test
	void exactAndQuickGeluDiffer() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("vit_clip_openai.safetensors", tmp);
		VitConfig exact = new VitConfig("clip-tiny", 21, 7, 3, 32, 2, 4, 128, true, false, false, true, 0,
				PosEmbed.LEARNED, true, true, 1e-5, Activation.GELU);
		try (NDManager m = NnTesting.manager()) {
			VisionTransformer vit = new VisionTransformer(m, exact);
			StateDicts.load(vit, KeyMaps.clipVisual(weights(f)), "fixture");
			float[] got = vit.forward(array(m, f.get("input"))).toFloatArray();
			float[] want = f.get("out.final").data();
			double worst = 0;
			for (int i = 0; i < got.length; i++) {
				worst = Math.max(worst, Math.abs(got[i] - want[i]));
			}
			assertTrue(worst > 1e-3, "the GELU choice must show in the output, differed by " + worst);
		}
	}

	@Test
	void wrongCheckpointListsMissingUnexpectedAndMisshapedKeys() throws Exception {
		Map<String, Tensor> w = weights(NnTesting.tensors("vit_mae.safetensors", tmp));
		w.remove("blocks.1.mlp.fc2.bias");
		w.put("head.weight", Tensor.of(new float[4], 2, 2));
		w.put("pos_embed", Tensor.of(new float[32 * 5], 1, 5, 32));
		VitConfig c = new VitConfig("tiny-mae", 24, 8, 3, 32, 2, 4, 64, true, true, false, true, 0, PosEmbed.LEARNED,
				true, false, 1e-6, Activation.GELU);
		try (NDManager m = NnTesting.manager()) {
			VisionTransformer vit = new VisionTransformer(m, c);
			float before = vit.namedParams().get("blocks.0.norm1.weight").get().getFloat(0);
			ModelException e = assertThrows(ModelException.class, () -> StateDicts.load(vit, w, "bad.safetensors"));
			assertEquals(4, e.exitCode());
			String msg = e.getMessage();
			assertTrue(msg.contains("1 missing key") && msg.contains("blocks.1.mlp.fc2.bias"), msg);
			assertTrue(msg.contains("1 unexpected key") && msg.contains("head.weight"), msg);
			assertTrue(msg.contains("1 mis-shaped key") && msg.contains("pos_embed: checkpoint (1, 5, 32), model (1, 10, 32)"), msg);
			assertEquals(before, vit.namedParams().get("blocks.0.norm1.weight").get().getFloat(0), "nothing loaded");
		}
	}

	@Test
	void presetsHaveThePublishedSizes() throws Exception {
		assertEquals(16, VitConfig.dinov2LargeReg4().grid());
		assertEquals(5, VitConfig.dinov2LargeReg4().prefixTokens());
		assertEquals(17, VitConfig.clipLarge14At240().grid());
		assertEquals(28, VitConfig.maeLarge16().withImage(224, 8).grid());
		try (NDManager m = NnTesting.manager()) {
			// timm's vit_small_patch16_224 has 22,050,664 parameters, 385,000 of them in the classifier head
			assertEquals(22_050_664L - 385_000, new VisionTransformer(m, VitConfig.vitSmall16()).size());
		}
	}

	@Test
	void halfPrecisionStaysCloseToFloat32() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("vit_dinov2reg.safetensors", tmp);
		VitConfig c = new VitConfig("tiny-dinov2", 28, 7, 3, 32, 3, 4, 64, true, true, true, true, 4, PosEmbed.LEARNED,
				false, false, 1e-6, Activation.GELU);
		try (NDManager m = NnTesting.manager()) {
			VisionTransformer vit = new VisionTransformer(m, c);
			StateDicts.load(vit, weights(f), "fixture");
			vit.cast(ai.djl.ndarray.types.DataType.FLOAT16);
			assertEquals(ai.djl.ndarray.types.DataType.FLOAT16, vit.namedParams().get("blocks.0.attn.qkv.weight").get().getDataType());
			var out = vit.forward(array(m, f.get("input")).toType(ai.djl.ndarray.types.DataType.FLOAT16, false));
			assertClose(f.get("out.final"), out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false), 2e-2, "float16");
		}
	}
}

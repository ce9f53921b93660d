package org.medad.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.model.Tensor;
import org.medad.importer.clip.OpenAiClipImporter;
import org.medad.importer.vit.HuggingFaceImporter;
import org.medad.importer.vit.TimmImporter;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.Checkpoints;
import org.medad.nn.layer.Activation;
import org.medad.nn.vit.VitConfig;
import org.medad.nn.vit.VitConfig.PosEmbed;

import ai.djl.ndarray.NDManager;

/**
 * Foundation weights in timm, Hugging Face, Meta and OpenAI layouts imported onto the product's names, by the
 * importer services a bundle registers.
 */
class ImportersTest {
	@TempDir
	Path tmp;

	static final VitConfig TINY = new VitConfig("tiny-dinov2", 28, 7, 3, 32, 3, 4, 64, true, true, true, true, 4,
			PosEmbed.LEARNED, false, false, 1e-6, Activation.GELU);

	private Path arch(Object config) throws Exception {
		Path file = tmp.resolve("arch-" + System.nanoTime() + ".json");
		Files.writeString(file, Architectures.toJson(config));
		return file;
	}

	private static void assertSame(Map<String, Tensor> expected, Map<String, Tensor> actual) {
		assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(actual.keySet()));
		expected.forEach((k, v) -> {
			assertArrayEquals(v.shape(), actual.get(k).shape(), k);
			ImporterTesting.assertClose(v.data(), actual.get(k).data(), 1e-6, k);
		});
	}

	private Imported run(WeightImporter from, String fixture, String arch) throws Exception {
		try (NDManager m = ImporterTesting.manager()) {
			List<String> log = new ArrayList<>();
			return from.convert(m, Checkpoints.unwrap(Checkpoints.read(ImporterTesting.fixture(fixture, tmp))), arch,
					log::add);
		}
	}

	@Test
	void huggingFaceDinov2WithRegistersBecomesTimm() throws Exception {
		var r = run(new HuggingFaceImporter(), "import_dinov2_hf.safetensors", arch(TINY).toString());
		assertSame(Checkpoints.read(ImporterTesting.fixture("import_dinov2_expected.safetensors", tmp)), r.weights());
		assertTrue(r.steps().get(0).contains("Hugging Face"), r.steps().toString());
	}

	@Test
	void metaDinov2PthBecomesTimm() throws Exception {
		var r = run(new TimmImporter(), "import_dinov2_meta.pth", arch(TINY).toString());
		assertSame(Checkpoints.read(ImporterTesting.fixture("import_dinov2_expected.safetensors", tmp)), r.weights());
	}

	@Test
	void positionTableIsResampledToTheConfiguredGrid() throws Exception {
		var r = run(new TimmImporter(), "import_dinov2_grid6.safetensors", arch(TINY).toString());
		Tensor expected = Checkpoints.read(ImporterTesting.fixture("import_dinov2_grid6.expected.safetensors", tmp)).get("pos_embed");
		assertArrayEquals(new long[] { 1, 16, 32 }, r.weights().get("pos_embed").shape());
		ImporterTesting.assertClose(expected.data(), r.weights().get("pos_embed").data(), 1e-5, "pos 6x6 -> 4x4");
		assertTrue(r.steps().contains("position table 6x6 -> 4x4 (AA-bicubic)"), r.steps().toString());
	}

	@Test
	void patchSizeChangeResamplesKernelAndTable() throws Exception {
		VitConfig mae = new VitConfig("tiny-mae", 24, 4, 3, 32, 2, 4, 64, true, true, false, true, 0, PosEmbed.LEARNED,
				true, false, 1e-6, Activation.GELU);
		Map<String, Tensor> source = Checkpoints.read(ImporterTesting.fixture("vit_mae.safetensors", tmp));
		source.keySet().removeIf(k -> k.equals("input") || k.startsWith("out."));
		try (NDManager m = ImporterTesting.manager()) {
			var r = new TimmImporter().convert(m, source, arch(mae).toString(), s -> {
			});
			assertArrayEquals(new long[] { 32, 3, 4, 4 }, r.weights().get("patch_embed.proj.weight").shape());
			assertArrayEquals(new long[] { 1, 37, 32 }, r.weights().get("pos_embed").shape(), "cls row + 6x6");
			assertArrayEquals(java.util.Arrays.copyOf(source.get("pos_embed").data(), 32),
					java.util.Arrays.copyOf(r.weights().get("pos_embed").data(), 32), "the class row is kept");
		}
	}

	@Test
	void openAiClipTorchScriptSplitsIntoVisualAndText() throws Exception {
		VitConfig visual = new VitConfig("clip-tiny", 8, 4, 3, 16, 2, 2, 64, true, false, false, true, 0,
				PosEmbed.LEARNED, true, true, 1e-5, Activation.QUICK_GELU);
		var r = run(new OpenAiClipImporter(), "tiny_clip_openai.pt", arch(visual).toString());
		Map<String, Tensor> w = r.weights();
		assertTrue(w.containsKey("visual.blocks.1.attn.qkv.weight") && w.containsKey("visual.cls_token"), w.keySet().toString());
		assertTrue(w.containsKey("text.blocks.0.mlp.fc1.weight") && w.containsKey("text.token_embedding.weight"));
		assertArrayEquals(new long[] { 1, 1, 16 }, w.get("visual.cls_token").shape());
		assertTrue(w.containsKey("logit_scale") && w.containsKey("visual.proj"));
	}
}

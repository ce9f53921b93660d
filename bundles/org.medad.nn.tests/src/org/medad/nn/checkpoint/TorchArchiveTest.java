package org.medad.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.nn.NnTesting;

/** torch.save and TorchScript archives read by the restricted unpickler; refusals name what they refused. */
class TorchArchiveTest {
	@TempDir
	Path tmp;

	@Test
	void stateDictMatchesTheSameWeightsInSafetensors() throws Exception {
		Map<String, Tensor> pth = Checkpoints.read(NnTesting.fixture("tiny_state_dict.pth", tmp));
		Map<String, Tensor> st = Checkpoints.read(NnTesting.fixture("tiny_state_dict.safetensors", tmp));
		assertEquals(st.keySet(), pth.keySet());
		assertEquals(21, pth.size(), "patch embed 2, tokens 3, one block 14, final norm 2");
		st.forEach((k, v) -> assertEquals(v, pth.get(k), k));
	}

	@Test
	void wrappedHalfPrecisionCheckpointIsUnwrappedAndWidened() throws Exception {
		Map<String, Tensor> raw = Checkpoints.read(NnTesting.fixture("tiny_wrapped_fp16.pth", tmp));
		assertTrue(raw.keySet().stream().allMatch(k -> k.startsWith("model.")), raw.keySet().toString());
		Map<String, Tensor> sd = Checkpoints.unwrap(raw);
		Map<String, Tensor> st = Checkpoints.read(NnTesting.fixture("tiny_state_dict.safetensors", tmp));
		assertEquals(st.keySet(), sd.keySet());
		for (String k : st.keySet()) {
			float[] want = st.get(k).data();
			float[] got = sd.get(k).data();
			for (int i = 0; i < want.length; i++) {
				assertEquals(Float.float16ToFloat(Float.floatToFloat16(want[i])), got[i], 0f, k);
			}
		}
	}

	@Test
	void torchScriptArchiveGivesOpenAiNamesWithoutRunningIt() throws Exception {
		Map<String, Tensor> pt = Checkpoints.read(NnTesting.fixture("tiny_clip_openai.pt", tmp));
		Map<String, Tensor> expected = Checkpoints.read(NnTesting.fixture("tiny_clip_openai.expected.safetensors", tmp));
		assertEquals(expected.keySet(), pt.keySet());
		assertTrue(pt.containsKey("visual.transformer.resblocks.1.attn.in_proj_weight"));
		assertTrue(pt.containsKey("visual.transformer.resblocks.0.mlp.c_fc.weight"));
		expected.forEach((k, v) -> {
			assertArrayEquals(v.shape(), pt.get(k).shape(), k);
			assertArrayEquals(v.data(), pt.get(k).data(), 0f, k);
		});
		assertEquals(0, pt.get("logit_scale").shape().length, "scalars keep an empty shape");
	}

	@Test
	void pickleAskingForOsSystemIsRefusedAndNotExecuted() throws Exception {
		Path marker = Path.of("/tmp/medad-pickle-executed");
		Files.deleteIfExists(marker);
		ModelException e = assertThrows(ModelException.class, () -> Checkpoints.read(NnTesting.fixture("evil.pth", tmp)));
		assertEquals(4, e.exitCode());
		assertTrue(e.getMessage().contains("posix.system") || e.getMessage().contains("os.system"), e.getMessage());
		assertTrue(e.getMessage().contains("evil.pth") && e.getMessage().contains("nothing was executed"), e.getMessage());
		assertFalse(Files.exists(marker));
	}

	@Test
	void unknownOpcodeIsNamed() throws Exception {
		Path file = tmp.resolve("opcode.pth");
		try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
			// PROTO 2, then 'i' (INST: builds an arbitrary class instance)
			zip.write(new byte[] { (byte) 0x80, 2, 'i', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n', '.' });
			zip.closeEntry();
		}
		ModelException e = assertThrows(ModelException.class, () -> Checkpoints.read(file));
		assertTrue(e.getMessage().contains("opcode 0x69 ('i')"), e.getMessage());
	}

	@Test
	void corruptAndTruncatedFilesAreModelErrors() throws Exception {
		Path notZip = tmp.resolve("garbage.pth");
		Files.write(notZip, new byte[] { 'P', 'K', 3, 4, 1, 2, 3 });
		ModelException e = assertThrows(ModelException.class, () -> Checkpoints.read(notZip));
		assertTrue(e.getMessage().contains("garbage.pth"), e.getMessage());

		byte[] good = Files.readAllBytes(NnTesting.fixture("tiny_state_dict.pth", tmp));
		Path cut = tmp.resolve("cut.pth");
		Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
		ModelException truncated = assertThrows(ModelException.class, () -> Checkpoints.read(cut));
		assertTrue(truncated.getMessage().contains("cut.pth"), truncated.getMessage());

		Path legacy = tmp.resolve("legacy.pth");
		Files.write(legacy, new byte[] { (byte) 0x80, 2, '}', 'q', 0, 'K', 1, 'K', 2, 's', '.' }); // {1: 2}
		assertTrue(assertThrows(ModelException.class, () -> Checkpoints.read(legacy)).getMessage().contains("torch >= 1.6"));
	}
}

package org.medad.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line, run in the OSGi framework against the real services. */
class CommandLineTest {
	@TempDir
	Path tmp;

	private static CliRun run(String... args) throws Exception {
		return CliRun.of(args);
	}

	@Test
	void noArgumentsPrintsUsageAndExitsTwo() throws Exception {
		CliRun r = run();
		assertEquals(2, r.code());
		assertTrue(r.out().contains("usage: medad COMMAND"), r.out());
	}

	@Test
	void badSettingIsAUsageErrorNamingTheSetting() throws Exception {
		CliRun r = run("train", "--detector", "pixelstats", "--data", tmp.toString(), "--out", tmp.resolve("m").toString(),
				"--set", "size=3");
		assertEquals(2, r.code(), r.err());
		assertTrue(r.err().contains("'size'") && r.err().contains("[8, 1024]"), r.err());
		CliRun unknown = run("train", "--detector", "nosuch", "--data", tmp.toString(), "--out", tmp.toString());
		assertEquals(2, unknown.code());
		assertTrue(unknown.err().contains("no detector 'nosuch'") && unknown.err().contains("pixelstats"), unknown.err());
	}

	@Test
	void otherDataSetsAreNamedWithAlsoAndRecorded() throws Exception {
		Path data = tmp.resolve("ph");
		Path other = tmp.resolve("ph2");
		assertEquals(0, run("phantom", "--out", data.toString(), "--seed", "3", "--train", "4", "--valid", "2", "--test",
				"2", "--size", "32").code());
		assertEquals(0, run("phantom", "--out", other.toString(), "--seed", "4", "--train", "2", "--valid", "1", "--test",
				"3", "--size", "32").code());
		CliRun r = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out", tmp.resolve("m").toString(),
				"--set", "size=32", "--also", other.toString(), "--also-split", "valid");
		assertEquals(0, r.code(), r.err());
		String json = Files.readString(tmp.resolve("m/model.json"));
		assertTrue(json.contains("\"others\"") && json.contains("\"name\": \"ph2\"") && json.contains("\"split\": \"valid\""),
				json);
		CliRun into = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out",
				other.resolve("m").toString(), "--also", other.toString());
		assertEquals(3, into.code(), "the model may not go inside an input: " + into.err());
	}

	@Test
	void aCheckpointIsNeverOverwrittenByAFreshRun() throws Exception {
		Path data = tmp.resolve("ph");
		assertEquals(0, run("phantom", "--out", data.toString(), "--seed", "3").code());
		Files.createDirectories(tmp.resolve("m.checkpoint"));
		CliRun fresh = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out",
				tmp.resolve("m").toString());
		assertEquals(2, fresh.code(), fresh.err());
		assertTrue(fresh.err().contains("m.checkpoint holds the checkpoint of an earlier, unfinished run")
				&& fresh.err().contains("--resume"), fresh.err());
		CliRun nothing = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out",
				tmp.resolve("other").toString(), "--resume");
		assertEquals(2, nothing.code(), nothing.err());
		assertTrue(nothing.err().contains("no checkpoint to resume from at " + tmp.resolve("other.checkpoint")),
				nothing.err());
		CliRun trained = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out",
				tmp.resolve("other").toString());
		assertEquals(0, trained.code(), trained.err());
		assertTrue(Files.exists(tmp.resolve("other/model.json")) && !Files.exists(tmp.resolve("other.checkpoint")));
	}

	@Test
	void deviceIsCheckedBeforeAnyWork() throws Exception {
		CliRun bogus = run("train", "--detector", "pixelstats", "--data", tmp.toString(), "--out",
				tmp.resolve("m").toString(), "--device", "tpu");
		assertEquals(2, bogus.code(), bogus.err());
		assertTrue(bogus.err().contains("unknown device 'tpu'"), bogus.err());
		CliRun gpu = run("score", "--model", tmp.resolve("m").toString(), "--input", tmp.toString(), "--out",
				tmp.resolve("s").toString(), "--device", "gpu:0");
		assertEquals(3, gpu.code(), gpu.err());
		assertTrue(gpu.err().contains("--device gpu:0"), gpu.err());
	}

	@Test
	void settingsAreListedWithTypeDefaultAndRange() throws Exception {
		CliRun r = run("detectors", "--json", "--settings");
		assertEquals(0, r.code());
		assertTrue(r.out().contains("\"name\": \"sigma\"") && r.out().contains("\"default\": 2.0"), r.out());
	}

	@Test
	void evaluateWithAModelFromAnotherFolderIsAModelError() throws Exception {
		Files.createDirectories(tmp.resolve("notamodel"));
		CliRun r = run("evaluate", "--model", tmp.resolve("notamodel").toString(), "--data", tmp.toString(), "--out",
				tmp.resolve("e").toString());
		assertEquals(4, r.code(), r.err());
		assertTrue(r.err().contains("model.json"), r.err());
	}

	@Test
	void helpForEachCommand() throws Exception {
		for (String c : new String[] { "detectors", "compute", "models", "phantom", "train", "score", "evaluate", "demo", "version" }) {
			CliRun r = run(c, "--help");
			assertEquals(0, r.code(), c);
			assertTrue(r.out().startsWith("medad " + c), c + ": " + r.out());
		}
	}

	@Test
	void computeReportsTheCpuEngine() throws Exception {
		CliRun r = run("compute", "--json");
		assertEquals(0, r.code(), r.err());
		var json = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
		assertEquals("cpu", json.get("device").getAsString());
		assertEquals("PyTorch", json.get("engine").getAsString());
		assertEquals("2.7.1", json.get("engineVersion").getAsString());
		assertTrue(json.get("natives").getAsString().endsWith("natives/pytorch"), r.out());
		assertTrue(json.get("threads").getAsInt() >= 1);
		assertEquals(0, json.getAsJsonArray("gpus").size());
		CliRun gpu = run("compute", "--device", "gpu:0");
		assertEquals(3, gpu.code(), gpu.err());
		assertTrue(gpu.err().contains("CPU-only") && gpu.err().contains("PYTORCH_LIBRARY_PATH"), gpu.err());
		assertEquals(2, run("compute", "--device", "tpu").code());
	}

	private static java.util.Map<String, org.medad.core.model.Tensor> tinyVit() {
		// a 1-block ViT with timm names, grid 2x2 at 8 px, patch 4, dim 8
		java.util.Map<String, org.medad.core.model.Tensor> w = new java.util.LinkedHashMap<>();
		java.util.Random r = new java.util.Random(1);
		java.util.function.BiConsumer<String, long[]> put = (k, shape) -> {
			int n = 1;
			for (long d : shape) {
				n *= (int) d;
			}
			float[] v = new float[n];
			for (int i = 0; i < n; i++) {
				v[i] = (float) r.nextGaussian();
			}
			w.put(k, new org.medad.core.model.Tensor(shape, v));
		};
		put.accept("patch_embed.proj.weight", new long[] { 8, 3, 4, 4 });
		put.accept("patch_embed.proj.bias", new long[] { 8 });
		put.accept("cls_token", new long[] { 1, 1, 8 });
		put.accept("pos_embed", new long[] { 1, 5, 8 });
		for (String n : new String[] { "norm1", "norm2", "norm" }) {
			String p = n.equals("norm") ? "norm" : "blocks.0." + n;
			put.accept(p + ".weight", new long[] { 8 });
			put.accept(p + ".bias", new long[] { 8 });
		}
		put.accept("blocks.0.attn.qkv.weight", new long[] { 24, 8 });
		put.accept("blocks.0.attn.qkv.bias", new long[] { 24 });
		put.accept("blocks.0.attn.proj.weight", new long[] { 8, 8 });
		put.accept("blocks.0.attn.proj.bias", new long[] { 8 });
		put.accept("blocks.0.mlp.fc1.weight", new long[] { 16, 8 });
		put.accept("blocks.0.mlp.fc1.bias", new long[] { 16 });
		put.accept("blocks.0.mlp.fc2.weight", new long[] { 8, 16 });
		put.accept("blocks.0.mlp.fc2.bias", new long[] { 8 });
		return w;
	}

	private static final String TINY_ARCH = "{\"name\":\"tiny\",\"imgSize\":8,\"patchSize\":4,\"inChans\":3,\"dim\":8,"
			+ "\"depth\":1,\"heads\":2,\"mlpDim\":16,\"qkvBias\":true,\"patchBias\":true,\"layerScale\":false,"
			+ "\"clsToken\":true,\"regTokens\":0,\"posEmbed\":\"LEARNED\",\"posIncludesCls\":true,\"preNorm\":false,"
			+ "\"eps\":1e-6,\"act\":\"GELU\"}";

	@Test
	void modelsImportWritesAVerifiedPackage() throws Exception {
		Path src = tmp.resolve("tiny.safetensors");
		var weights = tinyVit();
		org.medad.core.model.Safetensors.write(src, weights);
		Path arch = tmp.resolve("tiny.json");
		Files.writeString(arch, TINY_ARCH);
		CliRun r = run("models", "import", "--from", "timm", src.toString(), "--arch", arch.toString(), "--out",
				tmp.resolve("pkg").toString(), "--json");
		assertEquals(0, r.code(), r.err());
		var pkg = org.medad.core.model.ModelPackage.read(tmp.resolve("pkg"));
		assertEquals("foundation", pkg.manifest().detector().id());
		assertEquals(weights, pkg.tensors());
		assertEquals(org.medad.core.model.Hashes.sha256(src), pkg.manifest().references().get(0).sha256());

		weights.remove("blocks.0.mlp.fc2.bias");
		org.medad.core.model.Safetensors.write(src, weights);
		CliRun bad = run("models", "import", "--from", "timm", src.toString(), "--arch", arch.toString(), "--out",
				tmp.resolve("pkg2").toString());
		assertEquals(4, bad.code(), bad.err());
		assertTrue(bad.err().contains("1 missing key") && bad.err().contains("blocks.0.mlp.fc2.bias"), bad.err());
		assertTrue(!Files.exists(tmp.resolve("pkg2")));
	}

	@Test
	void modelsImportFindsItsSourcesAmongTheInstalledImporters() throws Exception {
		CliRun help = run("help", "models");
		for (String source : new String[] { "timm: ", "hf: ", "openai-clip: ", "qfae-pth: " }) {
			assertTrue(help.out().contains("    " + source), source + " listed: " + help.out());
		}
		CliRun unknown = run("models", "import", "--from", "onnx", tmp.resolve("x.onnx").toString(), "--out",
				tmp.resolve("p").toString());
		assertEquals(2, unknown.code(), unknown.err());
		assertTrue(unknown.err().contains("unknown --from onnx: installed importers are hf, openai-clip, qfae-pth, timm"),
				unknown.err());
	}

	@Test
	void modelsImportRefusesAPickleThatWouldRunCode() throws Exception {
		Path evil = tmp.resolve("evil.pth");
		try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(evil))) {
			zip.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
			// PROTO 2; GLOBAL 'os system'; (; 'touch x'; tuple; REDUCE; STOP
			byte[] cmd = "touch /tmp/medad-cli-pickle".getBytes(StandardCharsets.US_ASCII);
			var b = new ByteArrayOutputStream();
			b.write(new byte[] { (byte) 0x80, 2, 'c' });
			b.write("os\nsystem\n".getBytes(StandardCharsets.US_ASCII));
			b.write(new byte[] { '(', 'X', (byte) cmd.length, 0, 0, 0 });
			b.write(cmd);
			b.write(new byte[] { 't', 'R', '.' });
			zip.write(b.toByteArray());
			zip.closeEntry();
		}
		CliRun r = run("models", "import", "--from", "qfae-pth", evil.toString(), "--out", tmp.resolve("p").toString());
		assertEquals(4, r.code(), r.err());
		assertTrue(r.err().contains("refuses global os.system") && r.err().contains("evil.pth"), r.err());
		assertTrue(!Files.exists(Path.of("/tmp/medad-cli-pickle")));
	}
}

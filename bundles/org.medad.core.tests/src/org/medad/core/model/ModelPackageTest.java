package org.medad.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.ModelException;

class ModelPackageTest {
	@TempDir
	Path dir;

	static ModelManifest manifest() {
		return new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef("pixelstats", "0.1.0"),
				Map.of("size", 4), Map.of(), new ModelManifest.Thresholds(1.5, 0.5, "test"),
				new ModelManifest.Training(3, "abc", 7, 1, "0.1.0", "cpu", 0.1, "2026-01-01T00:00:00Z"), List.of(),
				List.of());
	}

	private static Map<String, Tensor> weights() {
		return Map.of("mean", Tensor.of(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3), "std", Tensor.of(new float[] { 0.5f }, 1));
	}

	@Test
	void roundTripKeepsTensorsAndManifest() throws Exception {
		ModelPackage written = ModelPackage.write(dir.resolve("m"), manifest(), weights());
		ModelPackage read = ModelPackage.read(dir.resolve("m"));
		assertEquals(weights(), read.tensors());
		assertEquals("pixelstats", read.manifest().detector().id());
		assertEquals(4.0, ((Number) read.manifest().settings().get("size")).doubleValue());
		assertEquals(written.sha256(), read.sha256());
		assertEquals(64, read.sha256().length());
	}

	@Test
	void safetensorsLayoutIsTheStandardOne() throws Exception {
		Path f = dir.resolve("w.safetensors");
		Safetensors.write(f, Map.of("a", Tensor.of(new float[] { 1.5f, -2f }, 2)));
		ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
		long n = b.getLong();
		assertEquals(0, n % 8, "header padded to 8 bytes");
		String header = new String(Files.readAllBytes(f), 8, (int) n).trim();
		assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header);
		assertEquals(1.5f, b.getFloat(8 + (int) n));
		assertEquals(-2f, b.getFloat(12 + (int) n));
	}

	@Test
	void zipPackagesReadLikeFolders() throws Exception {
		ModelPackage folder = ModelPackage.write(dir.resolve("m"), manifest(), weights());
		Path zip = dir.resolve("m.zip");
		ModelPackage.zip(folder, zip);
		ModelPackage z = ModelPackage.read(zip);
		assertEquals(weights(), z.tensors());
		assertEquals(folder.sha256(), z.sha256());
		assertEquals(zip, z.folder());
		ModelPackage direct = ModelPackage.write(dir.resolve("direct.zip"), manifest(), weights());
		assertEquals(weights(), ModelPackage.read(dir.resolve("direct.zip")).tensors());
		assertEquals(dir.resolve("direct.zip"), direct.folder());
		Files.writeString(dir.resolve("bad.zip"), "not a zip");
		ModelException e = assertThrows(ModelException.class, () -> ModelPackage.read(dir.resolve("bad.zip")));
		assertTrue(e.getMessage().contains("bad.zip"), e.getMessage());
	}

	@Test
	void alteredWeightsAreRefused() throws Exception {
		ModelPackage.write(dir.resolve("m"), manifest(), weights());
		Path w = dir.resolve("m").resolve(ModelPackage.WEIGHTS);
		byte[] bytes = Files.readAllBytes(w);
		bytes[bytes.length - 1] ^= 1;
		Files.write(w, bytes);
		ModelException e = assertThrows(ModelException.class, () -> ModelPackage.read(dir.resolve("m")));
		assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
		assertEquals(4, e.exitCode());
	}

	@Test
	void missingManifestIsAClearModelError() throws IOException {
		Files.createDirectories(dir.resolve("empty"));
		ModelException e = assertThrows(ModelException.class, () -> ModelPackage.read(dir.resolve("empty")));
		assertTrue(e.getMessage().contains("model.json"), e.getMessage());
	}

	@Test
	void failedWriteLeavesNoPackageBehind() throws IOException {
		assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("out"), tmp -> {
			Files.createDirectories(tmp);
			Files.writeString(tmp.resolve("half"), "x");
			throw new IOException("disk full");
		}));
		try (var s = Files.list(dir)) {
			assertEquals(List.of(), s.toList());
		}
	}

	@Test
	void rewriteReplacesAnExistingPackage() throws Exception {
		ModelPackage.write(dir.resolve("m"), manifest(), weights());
		Map<String, Tensor> other = Map.of("mean", Tensor.of(new float[] { 9 }, 1));
		ModelPackage.write(dir.resolve("m"), manifest(), other);
		assertEquals(other, ModelPackage.read(dir.resolve("m")).tensors());
		try (var s = Files.list(dir)) {
			assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary left");
		}
	}

	@Test
	void theChecksumOfModelJsonIsWrittenInSha256sumFormat() throws Exception {
		ModelPackage pkg = ModelPackage.write(dir.resolve("m"), manifest(), weights());
		String line = Files.readString(dir.resolve("m").resolve(ModelPackage.CHECKSUM));
		assertEquals(pkg.sha256() + "  model.json\n", line);
		assertEquals(Hashes.sha256(dir.resolve("m/model.json")), pkg.sha256());
	}

	@Test
	void anEditedManifestIsCaughtAndASealAcceptsItOnlyWhenTheCheckPasses() throws Exception {
		ModelPackage.write(dir.resolve("m"), manifest(), weights());
		Path json = dir.resolve("m/model.json");
		Files.writeString(json, Files.readString(json).replace("\"image\": 1.5", "\"image\": 2.5"));
		ModelException edited = assertThrows(ModelException.class, () -> ModelPackage.read(dir.resolve("m")));
		assertEquals(4, edited.exitCode());
		assertTrue(edited.getMessage().contains(json + ": changed since the package was written")
				&& edited.getMessage().contains("medad models seal"), edited.getMessage());
		String before = Files.readString(dir.resolve("m").resolve(ModelPackage.CHECKSUM));
		assertThrows(ModelException.class, () -> ModelPackage.seal(dir.resolve("m"), p -> {
			throw new ModelException("the detector says no");
		}));
		assertEquals(before, Files.readString(dir.resolve("m").resolve(ModelPackage.CHECKSUM)), "refused seal kept it");
		ModelPackage sealed = ModelPackage.seal(dir.resolve("m"), p -> {
		});
		assertEquals(2.5, sealed.manifest().thresholds().image());
		assertEquals(2.5, ModelPackage.read(dir.resolve("m")).manifest().thresholds().image());
	}

	@Test
	void aMissingChecksumIsRefusedWithTheWayOut() throws Exception {
		ModelPackage.write(dir.resolve("m"), manifest(), weights());
		Files.delete(dir.resolve("m").resolve(ModelPackage.CHECKSUM));
		ModelException e = assertThrows(ModelException.class, () -> ModelPackage.read(dir.resolve("m")));
		assertTrue(e.getMessage().contains("model.json.sha256: missing") && e.getMessage().contains("models seal"),
				e.getMessage());
	}

	@Test
	void aTruncatedManifestIsRefusedInWords() throws Exception {
		ModelPackage.write(dir.resolve("m"), manifest(), weights());
		Path json = dir.resolve("m/model.json");
		String text = Files.readString(json);
		Files.writeString(json, text.substring(0, text.length() / 2));
		ModelException e = assertThrows(ModelException.class, () -> ModelPackage.seal(dir.resolve("m"), p -> {
		}));
		assertTrue(e.getMessage().startsWith(json + ": not a valid model manifest (truncated or edited?)"), e.getMessage());
		assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("gson"), e.getMessage());
	}

	@Test
	void everyFieldIsValidatedOnLoad() throws Exception {
		String[][] edits = { { "\"formatVersion\": 1", "\"formatVersion\": 7", "package format 7" },
				{ "\"id\": \"pixelstats\"", "\"id\": \"\"", "detector.id" },
				{ "\"image\": 1.5", "\"image\": NaN", "thresholds.image" },
				{ "\"files\": 3", "\"files\": -3", "negative file" },
				{ "\"seconds\": 0.1", "\"seconds\": -1", "training.seconds" },
				{ "\"size\": 1", "\"size\": -1", "negative size" },
				{ "\"sha256\": \"", "\"sha256\": \"zz", "no valid sha256" },
				{ "\"settings\": {", "\"settings\": null, \"x\": {", "field settings" },
				{ "\"detector\": {", "\"detector\": [], \"y\": {", "not a valid model manifest" } };
		for (String[] edit : edits) {
			Path m = dir.resolve("m" + edit[2].hashCode());
			ModelPackage.write(m, manifest(), weights());
			Path json = m.resolve("model.json");
			String text = Files.readString(json);
			int at = edit[0].equals("\"size\": 1") ? text.indexOf("\"size\": ", text.indexOf("\"weights\"")) : text.indexOf(edit[0]);
			assertTrue(at >= 0, edit[0] + " in " + text);
			String from = edit[0].equals("\"size\": 1") ? text.substring(at, text.indexOf('\n', at)) : edit[0];
			String to = edit[0].equals("\"size\": 1") ? "\"size\": -1" : edit[1];
			Files.writeString(json, text.substring(0, at) + to + text.substring(at + from.length()));
			ModelException e = assertThrows(ModelException.class, () -> ModelPackage.seal(m, p -> {
			}), edit[1]);
			assertTrue(e.getMessage().startsWith(json.toString()) && e.getMessage().contains(edit[2]), e.getMessage());
			assertFalse(e.getMessage().contains("Exception"), e.getMessage());
		}
	}
}

package org.medad.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited, damaged or misattributed model.json is refused with exit 4 naming the package (issue 11, section 3). */
class ModelIntegrityTest {
	@TempDir
	Path tmp;
	private Path data;
	private Path model;
	private Path json;
	private int scores;

	@BeforeEach
	void trainAModel() throws Exception {
		data = tmp.resolve("ph");
		assertEquals(0, CliRun.of("phantom", "--out", data.toString(), "--seed", "3", "--train", "8", "--valid", "2",
				"--test", "2").code());
		model = tmp.resolve("m");
		CliRun train = CliRun.of("train", "--detector", "pixelstats", "--data", data.toString(), "--out",
				model.toString());
		assertEquals(0, train.code(), train.err());
		json = model.resolve("model.json");
	}

	private CliRun score() throws Exception {
		return CliRun.of("score", "--model", model.toString(), "--input", data.resolve("test").toString(), "--out",
				tmp.resolve("s" + scores++).toString());
	}

	private void edit(String from, String to) throws Exception {
		String text = Files.readString(json);
		assertTrue(text.contains(from), from + " in " + text);
		Files.writeString(json, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
	}

	@Test
	void anIntactPackageChecksAndScores() throws Exception {
		CliRun check = CliRun.of("models", "check", model.toString());
		assertEquals(0, check.code(), check.err());
		assertTrue(check.out().contains("pixelstats package intact"), check.out());
		assertEquals(0, score().code());
	}

	@Test
	void anotherDetectorIdOrAForeignSettingIsAModelErrorNamingPackageAndDetectorEvenWhenSealed() throws Exception {
		edit("\"id\": \"pixelstats\"", "\"id\": \"liverfreq\"");
		CliRun scored = score();
		assertEquals(4, scored.code(), scored.err());
		assertTrue(scored.err().contains(json + ": changed since the package was written"), scored.err());
		CliRun absent = CliRun.of("models", "seal", model.toString());
		assertEquals(4, absent.code(), absent.err());
		assertTrue(absent.err().contains("made by detector 'liverfreq', which is not installed"), absent.err());

		edit("\"id\": \"liverfreq\"", "\"id\": \"pixelstats\"");
		edit("\"settings\": {", "\"settings\": {\n    \"alpha\": 0.3,");
		CliRun seal = CliRun.of("models", "seal", model.toString());
		assertEquals(4, seal.code(), seal.err());
		assertTrue(seal.err().contains(json.toString()) && seal.err().contains("does not fit detector 'pixelstats'")
				&& seal.err().contains("unknown setting 'alpha'"), seal.err());
		assertFalse(seal.err().contains("Exception"), seal.err());
		assertEquals(4, score().code(), "a refused seal records nothing");
	}

	@Test
	void aThresholdOutsideTheScoresIsRefusedAndADeliberateEditCanBeSealed() throws Exception {
		String text = Files.readString(json);
		int at = text.indexOf("\"image\": ");
		assertTrue(at > 0, "the phantom's valid split calibrates an image threshold: " + text);
		String old = text.substring(at, text.indexOf(',', at));
		edit(old, "\"image\": -1000");
		CliRun bad = CliRun.of("models", "seal", model.toString());
		assertEquals(4, bad.code(), bad.err());
		assertTrue(bad.err().contains("image threshold -1000.0 lies outside"), bad.err());
		edit("\"image\": -1000", "\"image\": 2.5");
		assertEquals(4, score().code(), "edited, not yet sealed");
		CliRun sealed = CliRun.of("models", "seal", model.toString());
		assertEquals(0, sealed.code(), sealed.err());
		CliRun scored = score();
		assertEquals(0, scored.code(), scored.err());
	}

	@Test
	void aTruncatedManifestIsRefusedInWords() throws Exception {
		String text = Files.readString(json);
		Files.writeString(json, text.substring(0, text.length() / 3));
		for (CliRun r : new CliRun[] { score(), CliRun.of("models", "seal", model.toString()) }) {
			assertEquals(4, r.code(), r.err());
			assertTrue(r.err().contains(json.toString()), r.err());
			assertFalse(r.err().contains("Exception"), r.err());
		}
	}
}

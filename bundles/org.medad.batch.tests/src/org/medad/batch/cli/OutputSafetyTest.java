package org.medad.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No command deletes or replaces what is not its own output of the same kind (issue 11, data loss). */
class OutputSafetyTest {
	@TempDir
	Path tmp;

	private static CliRun run(String... args) throws Exception {
		return CliRun.of(args);
	}

	private static long files(Path dir) throws Exception {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile).count();
		}
	}

	private Path phantom() throws Exception {
		Path data = tmp.resolve("ph");
		assertEquals(0, run("phantom", "--out", data.toString(), "--seed", "2", "--train", "8", "--valid", "2", "--test",
				"3").code());
		return data;
	}

	@Test
	void trainNeverReplacesTheDataAFileOrAFolderOfTheUsers() throws Exception {
		Path data = phantom();
		long before = files(data);
		CliRun intoData = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out", data.toString(),
				"--overwrite");
		assertEquals(3, intoData.code(), intoData.err());
		assertTrue(intoData.err().contains("is the input itself"), intoData.err());
		CliRun inside = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out",
				data.resolve("model").toString());
		assertEquals(3, inside.code(), inside.err());
		assertEquals(before, files(data), "not one file of the data set was touched");

		Path image = Files.writeString(tmp.resolve("scan.png"), "precious");
		CliRun overFile = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out", image.toString(),
				"--overwrite");
		assertEquals(3, overFile.code(), overFile.err());
		assertTrue(overFile.err().contains(image.toString()) && overFile.err().contains("not a model package"),
				overFile.err());
		assertEquals("precious", Files.readString(image));
		Path folder = Files.createDirectories(tmp.resolve("results"));
		Files.writeString(folder.resolve("notes.txt"), "mine");
		assertEquals(3, run("train", "--detector", "pixelstats", "--data", data.toString(), "--out", folder.toString(),
				"--overwrite").code());
		assertEquals("mine", Files.readString(folder.resolve("notes.txt")));
	}

	@Test
	void aModelPackageIsReplacedOnlyWithOverwrite() throws Exception {
		Path data = phantom();
		String model = tmp.resolve("m").toString();
		assertEquals(0, run("train", "--detector", "pixelstats", "--data", data.toString(), "--out", model).code());
		CliRun again = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out", model);
		assertEquals(3, again.code(), again.err());
		assertTrue(again.err().contains("--overwrite"), again.err());
		CliRun replaced = run("train", "--detector", "pixelstats", "--data", data.toString(), "--out", model, "--overwrite",
				"--set", "sigma=2");
		assertEquals(0, replaced.code(), replaced.err());
		assertTrue(Files.readString(tmp.resolve("m/model.json")).contains("\"sigma\": 2"));
	}

	@Test
	void phantomOverAFileOrAForeignFolderIsRefusedNotACrash() throws Exception {
		Path file = Files.writeString(tmp.resolve("f.txt"), "keep");
		CliRun r = run("phantom", "--out", file.toString());
		assertEquals(3, r.code(), r.err());
		assertTrue(r.err().contains(file.toString()) && !r.err().contains("Exception"), r.err());
		assertEquals("keep", Files.readString(file));
		Path data = phantom();
		assertEquals(0, run("phantom", "--out", data.toString(), "--seed", "4", "--train", "3", "--valid", "0", "--test",
				"1").code(), "an earlier phantom is replaced whole");
		assertEquals(3 + 2 + 1 + 1, files(data), "3 train + 2 test + 1 mask + phantom.json, nothing of the old one");
	}

	@Test
	void scoreRefusesAnOutputInsideItsInputAndNeverScoresMasks() throws Exception {
		Path data = phantom();
		String model = tmp.resolve("m").toString();
		assertEquals(0, run("train", "--detector", "pixelstats", "--data", data.toString(), "--out", model).code());
		CliRun inside = run("score", "--model", model, "--input", data.resolve("test").toString(), "--out",
				data.resolve("test/maps").toString());
		assertEquals(3, inside.code(), inside.err());
		Path foreign = Files.createDirectories(tmp.resolve("foreign"));
		Files.writeString(foreign.resolve("a.txt"), "x");
		assertEquals(3, run("score", "--model", model, "--input", data.resolve("test").toString(), "--out",
				foreign.toString()).code());
		CliRun ok = run("score", "--model", model, "--input", data.resolve("test").toString(), "--out",
				tmp.resolve("s").toString());
		assertEquals(0, ok.code(), ok.err());
		String csv = Files.readString(tmp.resolve("s/scores.csv"));
		assertFalse(csv.contains("label/"), "masks are not cases: " + csv);
		assertEquals(1 + 6, csv.lines().count(), "3 good + 3 anomalous images, one header");
		assertEquals(0, run("score", "--model", model, "--input", data.resolve("test").toString(), "--out",
				tmp.resolve("s").toString()).code(), "its own output folder is resumed");
	}

	@Test
	void convertKeepsExistingFilesUnlessOverwriteAndNeverItsInput() throws Exception {
		Path data = phantom();
		Path in;
		try (Stream<Path> s = Files.list(data.resolve("train/good/img"))) {
			in = s.findFirst().orElseThrow();
		}
		assertEquals(3, run("convert", in.toString(), in.toString(), "--overwrite").code());
		Path out = Files.writeString(tmp.resolve("c.nii.gz"), "old");
		assertEquals(3, run("convert", in.toString(), out.toString()).code());
		assertEquals("old", Files.readString(out));
		assertEquals(0, run("convert", in.toString(), out.toString(), "--overwrite").code());
		assertTrue(Files.size(out) > 3);
	}
}

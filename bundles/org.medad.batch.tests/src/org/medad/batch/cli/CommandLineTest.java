package org.medad.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/** Exit codes and messages of the command line, run in the OSGi framework against the real services. */
class CommandLineTest {
	@TempDir
	Path tmp;

	private record Run(int code, String out, String err) {
	}

	private Run run(String... args) throws Exception {
		CommandLine cli = DetectorInstallTest.commandLine(FrameworkUtil.getBundle(getClass()).getBundleContext());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = cli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void noArgumentsPrintsUsageAndExitsTwo() throws Exception {
		Run r = run();
		assertEquals(2, r.code());
		assertTrue(r.out().contains("usage: medad COMMAND"), r.out());
	}

	@Test
	void badSettingIsAUsageErrorNamingTheSetting() throws Exception {
		Run r = run("train", "--detector", "pixelstats", "--data", tmp.toString(), "--out", tmp.resolve("m").toString(),
				"--set", "size=3");
		assertEquals(2, r.code(), r.err());
		assertTrue(r.err().contains("'size'") && r.err().contains("[8, 1024]"), r.err());
		Run unknown = run("train", "--detector", "nosuch", "--data", tmp.toString(), "--out", tmp.toString());
		assertEquals(2, unknown.code());
		assertTrue(unknown.err().contains("no detector 'nosuch'") && unknown.err().contains("pixelstats"), unknown.err());
	}

	@Test
	void settingsAreListedWithTypeDefaultAndRange() throws Exception {
		Run r = run("detectors", "--json", "--settings");
		assertEquals(0, r.code());
		assertTrue(r.out().contains("\"name\": \"sigma\"") && r.out().contains("\"default\": 2.0"), r.out());
	}

	@Test
	void evaluateWithAModelFromAnotherFolderIsAModelError() throws Exception {
		Files.createDirectories(tmp.resolve("notamodel"));
		Run r = run("evaluate", "--model", tmp.resolve("notamodel").toString(), "--data", tmp.toString(), "--out",
				tmp.resolve("e").toString());
		assertEquals(4, r.code(), r.err());
		assertTrue(r.err().contains("model.json"), r.err());
	}

	@Test
	void helpForEachCommand() throws Exception {
		for (String c : new String[] { "detectors", "compute", "phantom", "train", "score", "evaluate", "demo", "version" }) {
			Run r = run(c, "--help");
			assertEquals(0, r.code(), c);
			assertTrue(r.out().startsWith("medad " + c), c + ": " + r.out());
		}
	}

	@Test
	void computeReportsTheCpuEngine() throws Exception {
		Run r = run("compute", "--json");
		assertEquals(0, r.code(), r.err());
		var json = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
		assertEquals("cpu", json.get("device").getAsString());
		assertEquals("PyTorch", json.get("engine").getAsString());
		assertEquals("2.7.1", json.get("engineVersion").getAsString());
		assertTrue(json.get("natives").getAsString().endsWith("natives/pytorch"), r.out());
		assertTrue(json.get("threads").getAsInt() >= 1);
		assertEquals(0, json.getAsJsonArray("gpus").size());
		Run gpu = run("compute", "--device", "gpu:0");
		assertEquals(3, gpu.code(), gpu.err());
		assertTrue(gpu.err().contains("CPU-only") && gpu.err().contains("PYTORCH_LIBRARY_PATH"), gpu.err());
		assertEquals(2, run("compute", "--device", "tpu").code());
	}
}

package org.medad.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The shared third-party test files, found through the system property {@code medad.testdata}. Outside
 * CI a missing folder skips the test with a visible message; under CI (env {@code CI} set) it fails.
 */
public final class TestData {
	private TestData() {
	}

	public static Path dir() {
		String prop = System.getProperty("medad.testdata");
		Path dir = prop == null ? null : Path.of(prop);
		if (dir == null || !Files.isDirectory(dir)) {
			String msg = "test data folder not found (system property medad.testdata = " + prop + ")";
			if (System.getenv("CI") != null) {
				throw new AssertionError(msg + "; under CI the shared test data must be present");
			}
			System.err.println("SKIPPED: " + msg);
			assumeTrue(false, msg);
		}
		return dir;
	}

	public static JsonObject expected(String relativePath) throws IOException {
		JsonObject all = JsonParser.parseString(Files.readString(dir().resolve("expected.json"))).getAsJsonObject();
		return all.getAsJsonObject(relativePath);
	}
}

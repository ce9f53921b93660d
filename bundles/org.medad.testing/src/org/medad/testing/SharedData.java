package org.medad.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders of {@code ../shared/fixtures} (system property {@code medad.fixtures}, DESIGN.md): outside CI a missing
 * one skips the test with a visible message, under CI (environment variable {@code CI} set) it fails.
 */
public final class SharedData {
	private SharedData() {
	}

	public static Path fixtures(String name) {
		String prop = System.getProperty("medad.fixtures");
		Path dir = prop == null ? null : Path.of(prop).resolve(name);
		if (dir == null || !Files.isDirectory(dir)) {
			String msg = "fixture folder " + name + " not found (system property medad.fixtures = " + prop + ")";
			if (System.getenv("CI") != null) {
				throw new AssertionError(msg + "; under CI the shared fixtures must be present");
			}
			System.err.println("SKIPPED: " + msg);
			assumeTrue(false, msg);
		}
		return dir;
	}
}

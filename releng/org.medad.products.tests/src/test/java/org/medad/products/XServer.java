package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The X display a UI test runs the workbench on: the caller's own, unless {@code MEDAD_TEST_XVFB} is set or there
 * is none, then a private Xvfb. Without Xvfb the test skips with a message, but under CI it fails.
 */
final class XServer implements AutoCloseable {
	final String display;
	private final Process xvfb;

	private XServer(String display, Process xvfb) {
		this.display = display;
		this.xvfb = xvfb;
	}

	static XServer start(String test) throws IOException, InterruptedException {
		String existing = System.getenv("DISPLAY");
		if (existing != null && !existing.isBlank() && System.getenv("MEDAD_TEST_XVFB") == null) {
			return new XServer(existing, null);
		}
		Path bin = findOnPath("Xvfb");
		if (bin == null) {
			if (System.getenv("CI") != null) {
				throw new AssertionError("Xvfb is not installed, and UI tests must run under CI (.ci/run installs it)");
			}
			System.err.println("SKIPPED " + test + ": no X server (install xvfb to run the UI test)");
			assumeTrue(false, "no X server available");
		}
		for (int n = 91; n < 160; n++) {
			if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
				continue;
			}
			Process p = new ProcessBuilder(bin.toString(), ":" + n, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
					.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			for (int i = 0; i < 50 && !Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && p.isAlive(); i++) {
				Thread.sleep(100);
			}
			if (p.isAlive()) {
				return new XServer(":" + n, p);
			}
		}
		assertTrue(false, "could not start Xvfb");
		return null;
	}

	@Override
	public void close() throws InterruptedException {
		if (xvfb != null) {
			xvfb.destroy();
			xvfb.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static Path findOnPath(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path p = Path.of(dir, name);
			if (Files.isExecutable(p)) {
				return p;
			}
		}
		return null;
	}
}

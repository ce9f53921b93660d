package org.medad.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * DS wiring as users meet it: a detector bundle that is not installed is not listed by
 * {@code medad detectors}; installed (and started) into the running framework it is listed at once,
 * and uninstalled it is gone again. Nothing but the service registry connects the two.
 */
class DetectorInstallTest {

	@Test
	void detectorBundleIsListedOnlyWhileInstalled() throws Exception {
		BundleContext ctx = FrameworkUtil.getBundle(getClass()).getBundleContext();
		Path jar = Path.of(System.getProperty("medad.example.bundle", "missing"));
		assertTrue(Files.isRegularFile(jar), "example detector bundle not built: " + jar);
		CommandLine cli = commandLine(ctx);

		assertFalse(detectorsJson(cli).contains("\"pixelmedian\""), "not installed, so not listed");
		assertTrue(detectorsJson(cli).contains("\"pixelstats\""));

		Bundle b = ctx.installBundle(jar.toUri().toString());
		try {
			b.start();
			String listed = detectorsJson(cli);
			assertTrue(listed.contains("\"pixelmedian\""), listed);
			assertTrue(listed.contains("\"org.medad.detector.pixelmedian\""), "bundle named: " + listed);
		} finally {
			b.uninstall();
		}
		assertFalse(detectorsJson(cli).contains("\"pixelmedian\""), "uninstalled, so gone");
	}

	static CommandLine commandLine(BundleContext ctx) throws InterruptedException {
		ServiceTracker<CommandLine, CommandLine> t = new ServiceTracker<>(ctx, CommandLine.class, null);
		t.open();
		CommandLine cli = t.waitForService(10_000);
		assertNotNull(cli, "the CommandLine DS component did not come up");
		return cli;
	}

	static String detectorsJson(CommandLine cli) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = cli.execute(new String[] { "detectors", "--json" }, new PrintStream(out, true, StandardCharsets.UTF_8),
				System.err);
		assertEquals(0, code);
		return out.toString(StandardCharsets.UTF_8);
	}
}

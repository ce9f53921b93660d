package org.medad.batch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.osgi.framework.FrameworkUtil;

/** One {@code medad} command run in the test framework against the real services: exit code and both streams. */
record CliRun(int code, String out, String err) {
	static CliRun of(String... args) throws Exception {
		CommandLine cli = DetectorInstallTest.commandLine(FrameworkUtil.getBundle(CliRun.class).getBundleContext());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = cli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}
}

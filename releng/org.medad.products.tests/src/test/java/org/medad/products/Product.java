package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A materialized product of this build, run as an external process the way users run it. */
final class Product {
	static final Path PRODUCTS = Path.of(System.getProperty("medad.products", "../org.medad.products/target/products"));
	static final Path HEADLESS = PRODUCTS.resolve("org.medad.product.headless/linux/gtk/x86_64/medad");
	static final Path WORKBENCH = PRODUCTS.resolve("org.medad.product.workbench/linux/gtk/x86_64/medad-workbench");

	record Result(int exitCode, String out, String err) {
		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
		}
	}

	private Product() {
	}

	static Result medad(Path home, String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		cmd.add(home.resolve("bin/medad").toString());
		cmd.addAll(List.of(args));
		return run(cmd, Map.of(), 300);
	}

	static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds)
			throws IOException, InterruptedException {
		assertTrue(Files.isExecutable(Path.of(cmd.get(0))), cmd.get(0) + " is missing: build the products first");
		ProcessBuilder pb = new ProcessBuilder(cmd);
		// the product's script picks Java >= 21; hand it the one running this build
		pb.environment().put("MEDAD_JAVA", System.getProperty("medad.java", "java"));
		pb.environment().putAll(env);
		Path out = Files.createTempFile("medad-out", ".txt");
		Path err = Files.createTempFile("medad-err", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile());
		Process p = pb.start();
		if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			p.descendants().forEach(ProcessHandle::destroyForcibly); // the launcher script's JVM too
			p.destroyForcibly();
			throw new AssertionError(cmd + " did not finish within " + timeoutSeconds + " s");
		}
		Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
		Files.delete(out);
		Files.delete(err);
		return r;
	}

	/** A private copy, so tests that change an installation do not touch the build output. */
	static Path copy(Path product, Path target) throws IOException {
		try (var files = Files.walk(product)) {
			for (Path src : files.toList()) {
				Path dst = target.resolve(product.relativize(src).toString());
				if (Files.isDirectory(src)) {
					Files.createDirectories(dst);
				} else {
					Files.copy(src, dst, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		return target;
	}
}

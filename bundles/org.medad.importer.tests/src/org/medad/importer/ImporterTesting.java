package org.medad.importer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.testing.Close;
import org.medad.testing.Services;

import ai.djl.ndarray.NDManager;

/** The services the importer tests need, fixture files (tools/fixtures/nn_fixtures.py) and comparisons. */
final class ImporterTesting {
	private ImporterTesting() {
	}

	static <T> T service(Class<T> type) throws InterruptedException {
		return Services.get(type);
	}

	static NDManager manager() throws Exception {
		return service(ComputeService.class).newManager(ComputeDevice.CPU);
	}

	/** A fixture copied out of the bundle to a file (readers take paths). */
	static Path fixture(String name, Path tmp) throws IOException {
		Path file = tmp.resolve(name);
		try (InputStream in = ImporterTesting.class.getResourceAsStream("/fixtures/" + name)) {
			assertNotNull(in, "fixture " + name + " missing: run tools/fixtures/nn_fixtures.py");
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
		}
		return file;
	}

	static void assertClose(float[] expected, float[] actual, double tol, String what) {
		Close.assertClose(expected, actual, tol, what);
	}
}

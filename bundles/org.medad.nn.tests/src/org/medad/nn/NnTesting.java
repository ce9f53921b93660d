package org.medad.nn;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.model.Safetensors;
import org.medad.core.model.Tensor;
import org.medad.testing.Close;
import org.medad.testing.Services;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Shared test plumbing: the compute service, fixture files from tools/fixtures/nn_fixtures.py, comparisons. */
public final class NnTesting {
	private static ComputeService compute;

	private NnTesting() {
	}

	public static synchronized ComputeService compute() throws InterruptedException {
		if (compute == null) {
			compute = Services.get(ComputeService.class);
		}
		return compute;
	}

	public static NDManager manager() throws Exception {
		return compute().newManager(ComputeDevice.CPU);
	}

	/** A fixture copied out of the bundle to a file (readers take paths). */
	public static Path fixture(String name, Path tmp) throws IOException {
		Path file = tmp.resolve(name);
		try (InputStream in = NnTesting.class.getResourceAsStream("/fixtures/" + name)) {
			assertNotNull(in, "fixture " + name + " missing: run tools/fixtures/nn_fixtures.py");
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
		}
		return file;
	}

	public static Map<String, Tensor> tensors(String name, Path tmp) throws Exception {
		return Safetensors.read(fixture(name, tmp));
	}

	public static NDArray array(NDManager m, Tensor t) {
		return m.create(t.data(), new Shape(t.shape()));
	}

	/** Same shape and every value within {@code tol} (absolute), reporting the worst element. */
	public static void assertClose(Tensor expected, NDArray actual, double tol, String what) {
		Close.assertClose(expected, actual, tol, what);
	}

	public static void assertClose(float[] expected, float[] actual, double tol, String what) {
		Close.assertClose(expected, actual, tol, what);
	}
}

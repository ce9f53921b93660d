package org.medad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

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
			var context = FrameworkUtil.getBundle(NnTesting.class).getBundleContext();
			ServiceTracker<ComputeService, ComputeService> t = new ServiceTracker<>(context, ComputeService.class, null);
			t.open();
			compute = t.waitForService(10_000);
			assertNotNull(compute, "ComputeService not registered");
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
		assertArrayEquals(expected.shape(), actual.getShape().getShape(), what + ": shape");
		assertClose(expected.data(), actual.toFloatArray(), tol, what);
	}

	public static void assertClose(float[] expected, float[] actual, double tol, String what) {
		if (expected.length != actual.length) {
			fail(what + ": " + actual.length + " values, expected " + expected.length);
		}
		double worst = 0;
		int at = -1;
		for (int i = 0; i < expected.length; i++) {
			double d = Math.abs(expected[i] - actual[i]);
			if (!(d <= worst)) {
				worst = d;
				at = i;
			}
		}
		if (!(worst <= tol)) {
			fail(String.format("%s: max |difference| %.3g at %d (expected %g, got %g), tolerance %g", what, worst, at,
					expected[at], actual[at], tol));
		}
	}
}

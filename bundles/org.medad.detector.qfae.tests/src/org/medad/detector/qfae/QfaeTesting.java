package org.medad.detector.qfae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.model.Tensor;
import org.medad.detector.qfae.net.QfaeArchitecture;
import org.medad.detector.qfae.net.QfaeAutoencoder;
import org.medad.nn.layer.Activation;
import org.medad.nn.vit.VitConfig;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Services, the shared fixtures ({@code medad.fixtures}), the micro architecture and comparisons. */
public final class QfaeTesting {
	private QfaeTesting() {
	}

	/** The sizes of {@code ../shared/fixtures/qfae-micro} (its manifest.json). */
	public static QfaeArchitecture micro() {
		VitConfig encoder = new VitConfig("micro-dinov2", 224, 14, 3, 64, 4, 2, 256, true, true, true, true, 4,
				VitConfig.PosEmbed.LEARNED, false, false, 1e-6, Activation.GELU);
		VitConfig mae = new VitConfig("micro-mae", 224, 16, 3, 64, 20, 2, 256, true, true, false, true, 0,
				VitConfig.PosEmbed.LEARNED, true, false, 1e-6, Activation.GELU);
		return new QfaeArchitecture(new QfaeAutoencoder.Sizes(encoder, 64, 28, 2, 64, 256, 2, 2, 256, 8, 3), mae);
	}

	public static <T> T service(Class<T> type) throws InterruptedException {
		var context = FrameworkUtil.getBundle(QfaeTesting.class).getBundleContext();
		ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
		t.open();
		T s = t.waitForService(10_000);
		assertNotNull(s, type.getSimpleName() + " not registered");
		return s;
	}

	public static NDManager manager() throws Exception {
		return service(ComputeService.class).newManager(ComputeDevice.CPU);
	}

	/**
	 * A folder of {@code ../shared/fixtures}; outside CI a missing one skips the test with a message, under CI (env
	 * {@code CI} set) it fails.
	 */
	public static Path shared(String name) {
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

	/** A fixture of this bundle copied to a file (readers take paths). */
	public static Path fixture(String name, Path tmp) throws IOException {
		Path file = tmp.resolve(name);
		try (InputStream in = QfaeTesting.class.getResourceAsStream("/fixtures/" + name)) {
			assertNotNull(in, "fixture " + name + " missing");
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
		}
		return file;
	}

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
				worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
				at = i;
			}
		}
		if (worst > tol) {
			fail(String.format("%s: at %d expected %g, got %g (largest difference %.3g, tolerance %.3g)", what, at,
					expected[at], actual[at], worst, tol));
		}
	}
}

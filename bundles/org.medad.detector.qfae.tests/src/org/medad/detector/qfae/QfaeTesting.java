package org.medad.detector.qfae;

import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import org.medad.testing.Close;
import org.medad.testing.Services;
import org.medad.testing.SharedData;

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
		return Services.get(type);
	}

	public static NDManager manager() throws Exception {
		return service(ComputeService.class).newManager(ComputeDevice.CPU);
	}

	/** A folder of {@code ../shared/fixtures} (skipped outside CI when absent, a failure under CI). */
	public static Path shared(String name) {
		return SharedData.fixtures(name);
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
		Close.assertClose(expected, actual, tol, what);
	}

	public static void assertClose(float[] expected, float[] actual, double tol, String what) {
		Close.assertClose(expected, actual, tol, what);
	}
}

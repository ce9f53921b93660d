package org.medad.detector.qfae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.model.Safetensors;
import org.medad.core.model.Tensor;

/**
 * Each augmentation against torchvision on the official code's PIL images (fixture: tools/fixtures/qfae_fixtures.py,
 * parameters fixed). PIL works in 8 bits and rounds after each pass; the augmentations here work on the float image
 * the declared input makes, so they agree to within a grey level, the rotation pixel for pixel.
 */
class AugmentTorchvisionTest {
	private static final int SIDE = 64;
	private static Map<String, Tensor> fixture;

	@BeforeAll
	static void read(@TempDir Path tmp) throws Exception {
		Path f = tmp.resolve("augment.safetensors");
		try (InputStream in = AugmentTorchvisionTest.class.getResourceAsStream("/fixtures/augment.safetensors")) {
			assertNotNull(in, "fixture missing: run tools/fixtures/qfae_fixtures.py");
			Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
		}
		fixture = Safetensors.read(f);
	}

	/** A fixture picture (H x W x 3, 0..255) as channel planes in [0, 1]. */
	private static float[] planes(String name) {
		float[] hwc = fixture.get(name).data();
		float[] out = new float[hwc.length];
		int plane = SIDE * SIDE;
		for (int i = 0; i < plane; i++) {
			for (int c = 0; c < 3; c++) {
				out[c * plane + i] = hwc[i * 3 + c] / 255f;
			}
		}
		return out;
	}

	/** Largest difference in grey levels; {@code exact} counts the pixels that differ at all. */
	private static void assertWithin(String name, float[] got, double levels, int maxDiffering) {
		float[] want = planes(name);
		double worst = 0;
		int differing = 0;
		for (int i = 0; i < want.length; i++) {
			double d = Math.abs(want[i] - got[i]) * 255;
			worst = Math.max(worst, d);
			differing += d > 1e-3 ? 1 : 0;
		}
		assertTrue(worst <= levels, name + ": " + worst + " grey levels apart");
		assertTrue(differing <= maxDiffering, name + ": " + differing + " values differ");
	}

	@Test
	void theResizedCropIsTorchvisionsWithinAGreyLevel() {
		assertWithin("crop", Augment.crop(planes("input"), SIDE, 5, 3, 58, 61), 1.0, Integer.MAX_VALUE);
	}

	@Test
	void rotationsAndTheFlipAreTorchvisionsPixelForPixel() {
		assertWithin("rotate7", Augment.rotate(planes("input"), SIDE, 7.0), 0, 0);
		assertWithin("rotate-9.5", Augment.rotate(planes("input"), SIDE, -9.5), 0, 0);
		float[] flipped = planes("input");
		Augment.flipVertical(flipped, SIDE);
		assertWithin("vflip", flipped, 0, 0);
	}

	@Test
	void brightnessAndContrastAreTorchvisionsWithinAGreyLevel() {
		float[] b = planes("input");
		Augment.brightness(b, 1.08);
		assertWithin("brightness1.08", b, 1.0, Integer.MAX_VALUE);
		float[] c = planes("input");
		Augment.contrast(c, SIDE, 0.93);
		assertWithin("contrast0.93", c, 1.0, Integer.MAX_VALUE);
		assertEquals(3 * SIDE * SIDE, c.length);
	}
}

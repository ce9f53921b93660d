package org.medad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;

/** Every writer: random values and random oblique geometries (with reflections) read back unchanged. */
class WriterRoundTripTest {
	@TempDir
	Path tmp;

	@ParameterizedTest
	@ValueSource(strings = { ".nii.gz", ".nii", ".nrrd", ".mha" })
	void writeThenReadKeepsValuesAndGeometry(String suffix) throws Exception {
		ImageFormats formats = FormatServices.get();
		Random r = new Random(suffix.hashCode());
		for (int trial = 0; trial < 8; trial++) {
			boolean twoD = trial % 4 == 3 && !suffix.startsWith(".nii");
			long[] dims = twoD ? new long[] { 2 + r.nextInt(8), 2 + r.nextInt(8) }
					: new long[] { 2 + r.nextInt(8), 2 + r.nextInt(6), 1 + r.nextInt(4) };
			int n = (int) java.util.Arrays.stream(dims).reduce(1, (a, b) -> a * b);
			float[] data = new float[n];
			for (int i = 0; i < n; i++) {
				data[i] = (float) (r.nextGaussian() * 500);
			}
			Geometry g;
			if (twoD) {
				double a = r.nextDouble() * Math.PI;
				g = new Geometry(new double[] { 0.5 + r.nextDouble(), 0.5 + r.nextDouble() },
						new double[] { r.nextGaussian() * 50, r.nextGaussian() * 50 },
						new double[] { Math.cos(a), -Math.sin(a), Math.sin(a), Math.cos(a) }, true);
			} else {
				g = new Geometry(new double[] { 0.3 + r.nextDouble() * 2, 0.3 + r.nextDouble() * 2, 1 + r.nextDouble() * 3 },
						new double[] { r.nextGaussian() * 80, r.nextGaussian() * 80, r.nextGaussian() * 80 },
						RandomGeometry.direction(r, trial % 2 == 1), true);
			}
			Path f = tmp.resolve("img" + trial + suffix);
			formats.write(new Volume("t", Images.wrap(data, dims), g, "MR", Map.of()), f);
			Volume back = formats.read(f);
			assertArrayEquals(data, Images.toArray(back.voxels()), suffix + " trial " + trial);
			Geometry b = back.geometry();
			for (int i = 0; i < g.dimensions(); i++) {
				assertEquals(g.spacing()[i], b.spacing()[i], 1e-5 * g.spacing()[i], suffix + " spacing " + i);
				assertEquals(g.origin()[i], b.origin()[i], 1e-4, suffix + " origin " + i);
			}
			for (int i = 0; i < g.direction().length; i++) {
				assertEquals(g.direction()[i], b.direction()[i], 1e-5, suffix + " direction " + i);
			}
		}
	}
}

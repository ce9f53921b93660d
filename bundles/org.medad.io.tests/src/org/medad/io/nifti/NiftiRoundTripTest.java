package org.medad.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Affine;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.RandomGeometry;

class NiftiRoundTripTest {
	private final NiftiFormat nifti = new NiftiFormat();

	@TempDir
	Path tmp;

	@Test
	void randomGeometriesAndValuesSurviveWriteAndRead() throws Exception {
		Random r = new Random(7);
		for (int trial = 0; trial < 12; trial++) {
			int nx = 1 + r.nextInt(9), ny = 1 + r.nextInt(7), nz = 1 + r.nextInt(5);
			boolean fourD = trial % 3 == 0;
			long[] dims = fourD ? new long[] { nx, ny, nz, 2 } : new long[] { nx, ny, nz };
			float[] data = new float[(int) (nx * ny * nz * (fourD ? 2 : 1))];
			for (int i = 0; i < data.length; i++) {
				data[i] = (float) (r.nextGaussian() * 1000);
			}
			Geometry g = new Geometry(new double[] { 0.3 + r.nextDouble() * 3, 0.3 + r.nextDouble() * 3,
					0.5 + r.nextDouble() * 5 }, new double[] { r.nextGaussian() * 100, r.nextGaussian() * 100,
							r.nextGaussian() * 100 }, RandomGeometry.direction(r, trial % 2 == 1), true);
			Volume v = new Volume("t", Images.wrap(data, dims), g, "MR", Map.of());
			Path f = tmp.resolve("v" + trial + (trial % 2 == 0 ? ".nii.gz" : ".nii"));
			nifti.write(v, f);
			Volume back = nifti.read(f);
			assertArrayEquals(data, Images.toArray(back.voxels()), "trial " + trial);
			double[] want = Affine.of(g);
			double[] got = nifti.parseHeader(f).affine();
			for (int i = 0; i < 16; i++) {
				assertEquals(want[i], got[i], 1e-4 * (1 + Math.abs(want[i])), "trial " + trial + " affine " + i);
			}
			// the qform alone reproduces the same geometry (other tools read it when they ignore the sform)
			double[] q = NiftiAffine.qform(NiftiHeader.parse(f, header(f)));
			for (int i = 0; i < 12; i++) {
				assertEquals(want[i], q[i], 1e-3 * (1 + Math.abs(want[i])), "trial " + trial + " qform " + i);
			}
		}
	}

	private static byte[] header(Path f) throws Exception {
		try (var in = f.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(Files.newInputStream(f))
				: Files.newInputStream(f)) {
			return in.readNBytes(540);
		}
	}

	@Test
	void truncatedDataNamesTheFileAndSizes() throws Exception {
		Volume v = new Volume("t", Images.wrap(new float[1000], 10, 10, 10), new Geometry(new double[] { 1, 1, 1 },
				new double[3], new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, true), "MR", Map.of());
		Path f = tmp.resolve("t.nii");
		nifti.write(v, f);
		byte[] all = Files.readAllBytes(f);
		Files.write(f, java.util.Arrays.copyOf(all, all.length - 100));
		BadInputException e = assertThrows(BadInputException.class, () -> nifti.read(f));
		assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
		Files.write(f, java.util.Arrays.copyOf(all, 200));
		BadInputException h = assertThrows(BadInputException.class, () -> nifti.read(f));
		assertTrue(h.getMessage().contains("truncated header"), h.getMessage());
	}

	@Test
	void unsupportedDatatypeIsNamed() throws Exception {
		Volume v = new Volume("t", Images.wrap(new float[8], 2, 2, 2), new Geometry(new double[] { 1, 1, 1 },
				new double[3], new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, true), "MR", Map.of());
		Path f = tmp.resolve("c.nii");
		nifti.write(v, f);
		byte[] all = Files.readAllBytes(f);
		all[70] = 32; // complex64
		all[71] = 0;
		Files.write(f, all);
		BadInputException e = assertThrows(BadInputException.class, () -> nifti.read(f));
		assertTrue(e.getMessage().contains("complex64"), e.getMessage());
	}
}

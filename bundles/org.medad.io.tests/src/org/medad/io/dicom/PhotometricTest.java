package org.medad.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;

/** MONOCHROME1, RGB (interleaved and planar) and YBR_FULL pixel data (fixtures: tools/fixtures/dicom_photometric.py). */
class PhotometricTest {
	private final DicomFormat dicom = new DicomFormat();

	@TempDir
	Path tmp;

	private Volume read(String name) throws Exception {
		Path p = tmp.resolve(name);
		try (InputStream in = getClass().getResourceAsStream("/fixtures/dicom/" + name)) {
			Files.copy(in, p);
		}
		return dicom.read(p);
	}

	@Test
	void monochrome1IsInvertedSoThatBrighterMeansMore() throws Exception {
		Volume v = read("mono1.dcm");
		assertArrayEquals(new float[] { 65535, 65525, 65515, 65505, 65495, 65535 - 4095 }, Images.toArray(v.voxels()));
		assertEquals("MONOCHROME1", v.metadata().get("photometric"));
	}

	@Test
	void rgbInterleavedAndPlanarGiveTheSameChannelPlanes() throws Exception {
		float[] want = { 255, 0, 0, 10, 40, 70, 0, 255, 0, 20, 50, 80, 0, 0, 255, 30, 60, 90 };
		for (String f : new String[] { "rgb_interleaved.dcm", "rgb_planar.dcm" }) {
			Volume v = read(f);
			assertEquals(3, v.channels(), f);
			assertEquals(4, v.voxels().numDimensions(), f + ": x, y, frame, channel");
			assertArrayEquals(want, Images.toArray(v.voxels()), f);
		}
	}

	@Test
	void ybrFullIsConvertedToRgb() throws Exception {
		float[] v = Images.toArray(read("ybr_full.dcm").voxels());
		// Y=100, Cb=Cr=128 is grey 100; (76, 85, 255) is red (254, 0, 0) by the ITU-R 601 full-range inverse
		assertArrayEquals(new float[] { 100, 100, 100, 254, 254, 254 }, java.util.Arrays.copyOfRange(v, 0, 6));
		assertArrayEquals(new float[] { 100, 100, 100, 0, 0, 0 }, java.util.Arrays.copyOfRange(v, 6, 12));
		assertArrayEquals(new float[] { 100, 100, 100, 0, 0, 0 }, java.util.Arrays.copyOfRange(v, 12, 18));
	}
}

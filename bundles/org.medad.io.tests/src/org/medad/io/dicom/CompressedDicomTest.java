package org.medad.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.io.TestData;

/**
 * Lossless JPEG (process 14, all seven predictors, point transform) and JPEG baseline DICOM files encoded by
 * DCMTK from the shared test files (tools/fixtures/dicom_jpeg.sh) decode to the original values.
 */
class CompressedDicomTest {
	private final DicomFormat dicom = new DicomFormat();

	@TempDir
	Path tmp;

	private Path fixture(String name) throws Exception {
		Path p = tmp.resolve(name);
		try (InputStream in = getClass().getResourceAsStream("/fixtures/dicom/" + name)) {
			assertTrue(in != null, "fixture " + name + " missing from the test bundle");
			Files.copy(in, p);
		}
		return p;
	}

	private float[] original(String name) throws Exception {
		return Images.toArray(dicom.read(TestData.dir().resolve("dicom/" + name)).voxels());
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7 })
	void everyPredictorDecodesExactly(int sv) throws Exception {
		Path f = fixture("MR_small_jpegll_sv" + sv + ".dcm");
		String syntax = String.valueOf(dicom.parseHeader(f).details().get("transfer_syntax"));
		assertTrue(syntax.equals("1.2.840.10008.1.2.4.57") || syntax.equals("1.2.840.10008.1.2.4.70"),
				"a lossless JPEG syntax: " + syntax);
		assertArrayEquals(original("MR_small.dcm"), Images.toArray(dicom.read(f).voxels()), "predictor " + sv);
	}

	@Test
	void signedCtWithRescaleDecodesExactly() throws Exception {
		assertArrayEquals(original("CT_small.dcm"), Images.toArray(dicom.read(fixture("CT_small_jpegll_sv1.dcm")).voxels()));
	}

	@Test
	void pointTransformDropsTheLowBitsOnly() throws Exception {
		float[] want = original("MR_small.dcm");
		float[] got = Images.toArray(dicom.read(fixture("MR_small_jpegll_sv1_pt2.dcm")).voxels());
		for (int i = 0; i < want.length; i++) {
			assertEquals(((int) want[i] >> 2) << 2, got[i], 0f, "sample " + i);
		}
	}

	@Test
	void baselineJpegIsCloseToTheOriginal() throws Exception {
		float[] want = original("image_dfl.dcm");
		float[] got = Images.toArray(dicom.read(fixture("image_jpeg_baseline.dcm")).voxels());
		double err = 0;
		for (int i = 0; i < want.length; i++) {
			err += Math.abs(want[i] - got[i]);
		}
		assertTrue(err / want.length < 3, "mean absolute error " + err / want.length + " of 255");
	}

	@Test
	void corruptLosslessStreamNamesTheFile() throws Exception {
		Path f = fixture("MR_small_jpegll_sv1.dcm");
		byte[] b = Files.readAllBytes(f);
		Files.write(f, java.util.Arrays.copyOf(b, b.length - 3000));
		BadInputException e = assertThrows(BadInputException.class, () -> dicom.read(f));
		assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
	}
}

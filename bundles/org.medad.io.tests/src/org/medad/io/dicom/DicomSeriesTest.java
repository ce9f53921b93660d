package org.medad.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.io.TestData;
import org.medad.io.format.ImagePart;

class DicomSeriesTest {
	private final DicomSeriesFormat series = new DicomSeriesFormat();

	@TempDir
	Path tmp;

	private Path mixedFolder() throws Exception {
		Path src = TestData.dir().resolve("dicom/series_ch2bet_ct");
		try (var files = Files.list(src)) {
			for (Path f : files.toList()) {
				Files.copy(f, tmp.resolve("slice-" + f.getFileName()));
			}
		}
		Files.copy(TestData.dir().resolve("dicom/CT_small.dcm"), tmp.resolve("zzz"));
		Files.writeString(tmp.resolve("README.txt"), "not DICOM, skipped");
		return tmp;
	}

	@Test
	void severalSeriesAreListedAndChosenByIndexOrUid() throws Exception {
		Path dir = mixedFolder();
		BadInputException e = assertThrows(BadInputException.class, () -> series.read(dir));
		assertTrue(e.getMessage().contains("2 series") && e.getMessage().contains("--series"), e.getMessage());
		assertTrue(e.getMessage().contains("2.25.18669851605093292806704589849358892984"), e.getMessage());
		String uid = "2.25.18669851605093292806704589849358892984";
		int index = e.getMessage().indexOf("[0] " + uid) >= 0 ? 0 : 1;
		assertEquals(8, series.read(dir, uid).voxels().dimension(2));
		assertEquals(8, series.read(dir, Integer.toString(index)).voxels().dimension(2));
		assertEquals(1, series.read(dir, Integer.toString(1 - index)).voxels().dimension(2));
		assertThrows(BadInputException.class, () -> series.read(dir, "1.2.3"));
	}

	@Test
	void partsDescribeEachSeriesForTheBrowser() throws Exception {
		Path dir = mixedFolder();
		var parts = series.parts(dir);
		assertEquals(2, parts.size(), parts.toString());
		var synthetic = parts.stream().filter(p -> p.id().equals("2.25.18669851605093292806704589849358892984"))
				.findFirst().orElseThrow();
		assertEquals("8", synthetic.detail(ImagePart.SLICES));
		assertEquals("CT", synthetic.detail(ImagePart.MODALITY));
		assertEquals("CH2BET SYNTHETIC (SYNTH0001)", synthetic.detail(ImagePart.PATIENT));
		assertTrue(synthetic.detail(ImagePart.DESCRIPTION).startsWith("CT-like series derived from MNI ch2bet"),
				synthetic.toString());
		var other = parts.get(parts.get(0) == synthetic ? 1 : 0);
		assertEquals("1", other.detail(ImagePart.SLICES));
		assertEquals(1, series.read(dir, other.id()).voxels().dimension(2), "each part's id reads that series");
		assertEquals(0, series.parts(TestData.dir().resolve("dicom/series_ch2bet_ct")).size(), "one series: no choice");
	}

	@Test
	void orderFollowsPositionsNotNamesOrInstanceNumbers() throws Exception {
		Path dir = TestData.dir().resolve("dicom/series_ch2bet_ct");
		var h = series.parseHeader(dir);
		assertEquals(3.0, h.spacing()[2], 1e-9);
		assertEquals(-11.0, h.affine()[11], 1e-9, "origin at the lowest slice (z = -11 mm)");
		assertEquals(null, h.details().get("uneven_slice_spacing_mm"));
	}

	@Test
	void unevenSpacingIsReported() throws Exception {
		Path src = TestData.dir().resolve("dicom/series_ch2bet_ct");
		try (var files = Files.list(src)) {
			for (Path f : files.toList()) {
				if (!f.getFileName().toString().equals("IM414861")) { // drop the slice at z = -5
					Files.copy(f, tmp.resolve(f.getFileName()));
				}
			}
		}
		var h = series.parseHeader(tmp);
		assertEquals(3.0, h.spacing()[2], 1e-9, "median spacing");
		assertEquals(3.0, ((Number) h.details().get("uneven_slice_spacing_mm")).doubleValue(), 1e-9);
	}
}

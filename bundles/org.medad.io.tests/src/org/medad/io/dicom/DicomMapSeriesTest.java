package org.medad.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.TestData;

/**
 * A map written as a DICOM series over a real series (testdata series_ch2bet_ct: slices in no file order,
 * numbered head to feet) reads back with the project's series reader on the source's grid and geometry,
 * values within the 16-bit quantisation, in the source's study and frame of reference, as a new series
 * that references the source.
 */
class DicomMapSeriesTest {
	@TempDir
	Path tmp;

	@Test
	void theMapSeriesLiesOnItsSourceAndReadsBack() throws Exception {
		Path src = TestData.dir().resolve("dicom/series_ch2bet_ct");
		DicomSeriesFormat reader = new DicomSeriesFormat();
		Volume scan = reader.read(src);
		int n = (int) (scan.voxels().dimension(0) * scan.voxels().dimension(1) * scan.voxels().dimension(2));
		float[] map = new float[n];
		for (int i = 0; i < n; i++) {
			map[i] = (float) Math.sin(i * 0.001) * 3 + (i % 181) * 0.01f; // varies along x, y and slices
		}
		Path out = tmp.resolve("map.dicom");
		String uid = DicomMapSeries.write(src, map, out, "MedAD anomaly map, test");
		try (var files = Files.list(out)) {
			assertEquals(8, files.count(), "one file per source slice");
		}
		Volume back = reader.read(out);
		assertEquals(List.of(181L, 217L, 8L), List.of(back.voxels().dimension(0), back.voxels().dimension(1),
				back.voxels().dimension(2)));
		assertEquals(scan.geometry(), back.geometry(), "the source's positions, orientation and spacing");
		float[] v = Images.toArray(back.voxels());
		double slope = (max(map) - min(map)) / 65535;
		for (int i = 0; i < n; i++) {
			assertEquals(map[i], v[i], slope / 2 + 1e-6 * Math.abs(map[i]), "voxel " + i);
		}
		DicomFile first = DicomFile.read(out.resolve("IM00001.dcm"));
		DicomFile source = DicomSeriesFormat.series(src).slices().get(0);
		assertEquals(uid, first.data.string(Tag.SERIES_INSTANCE_UID));
		assertNotEquals(source.data.string(Tag.SERIES_INSTANCE_UID), uid);
		assertEquals(source.data.string(0x0020000D), first.data.string(0x0020000D), "same study");
		assertEquals(source.data.string(0x00200052), first.data.string(0x00200052), "same frame of reference");
		assertEquals("1.2.840.10008.5.1.4.1.1.7", first.data.string(0x00080016), "Secondary Capture");
		assertEquals("DERIVED\\SECONDARY", first.data.string(0x00080008));
		String raw = new String(Files.readAllBytes(out.resolve("IM00001.dcm")), java.nio.charset.StandardCharsets.ISO_8859_1);
		assertTrue(raw.contains(source.data.string(Tag.SERIES_INSTANCE_UID)), "the source series is referenced");
		assertEquals("MedAD anomaly map, test", first.data.string(Tag.SERIES_DESCRIPTION));
		assertThrows(BadInputException.class, () -> DicomMapSeries.write(src, new float[10], tmp.resolve("x"), "d"));
	}

	private static double max(float[] a) {
		double m = Double.NEGATIVE_INFINITY;
		for (float f : a) {
			m = Math.max(m, f);
		}
		return m;
	}

	private static double min(float[] a) {
		double m = Double.POSITIVE_INFINITY;
		for (float f : a) {
			m = Math.min(m, f);
		}
		return m;
	}
}

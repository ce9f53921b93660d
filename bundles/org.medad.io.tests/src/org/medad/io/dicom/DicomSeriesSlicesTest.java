package org.medad.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.TestData;
import org.medad.io.dataset.Slicing;
import org.medad.io.format.AxialSlices;

/** A DICOM series read slice by slice gives exactly the slices of the whole-read volume, in its order. */
class DicomSeriesSlicesTest {
	@Test
	void eachStreamedSliceEqualsTheSliceOfTheWholeVolume() throws Exception {
		Path src = TestData.dir().resolve("dicom/series_ch2bet_ct");
		Volume whole = new DicomSeriesFormat().read(src);
		List<Volume> expected = Slicing.slices(whole, Slicing.Plane.AXIAL, 0, 8);
		try (AxialSlices.Reader r = AxialSlices.open(src)) {
			assertArrayEquals(new long[] { 181, 217, 8 }, r.dims());
			assertEquals(whole.geometry(), r.geometry());
			for (int k = 0; k < 8; k++) {
				Volume s = r.next();
				Volume e = expected.get(k);
				assertArrayEquals(Images.toArray(e.voxels()), Images.toArray(s.voxels()), 0f, "slice " + k);
				assertEquals(e.geometry(), s.geometry());
				assertEquals(e.modality(), s.modality());
				assertEquals(e.metadata(), s.metadata());
			}
			assertThrows(IllegalStateException.class, r::next);
		}
	}
}

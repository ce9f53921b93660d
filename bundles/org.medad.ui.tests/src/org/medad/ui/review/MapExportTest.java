package org.medad.ui.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;
import org.medad.io.format.StandardFormats;
import org.medad.ui.view.ReviewCase;

import net.imglib2.img.array.ArrayImgs;

/** Save map: the values on the scan's geometry, in the format the name asks for; a PNG only for a 2D image. */
class MapExportTest {
	static final ImageFormats FORMATS = StandardFormats.create();

	@TempDir
	Path tmp;

	private static Volume ramp(String name, long nx, long ny, long nz, float scale, Geometry g) {
		float[] v = new float[(int) (nx * ny * Math.max(1, nz))];
		for (int i = 0; i < v.length; i++) {
			v[i] = i * scale;
		}
		return new Volume(name, nz == 0 ? ArrayImgs.floats(v, nx, ny) : ArrayImgs.floats(v, nx, ny, nz), g, "CT",
				Map.of());
	}

	@Test
	void aVolumesMapIsWrittenOnTheScansGeometry() throws Exception {
		Geometry g = new Geometry(new double[] { 0.8, 0.9, 2.5 }, new double[] { -10, 20, 30 }, new double[] { 0, 1, 0,
				1, 0, 0, 0, 0, 1 }, true);
		ReviewCase c = new ReviewCase(ramp("scan.nii.gz", 6, 5, 4, 1, g));
		c.showMap(ramp("map.nii.gz", 6, 5, 4, 0.01f, g), 0.5);
		Path out = tmp.resolve("saved.nii.gz");
		MapExport.write(c, out, FORMATS);
		Volume back = FORMATS.read(out);
		assertArrayEquals(new long[] { 6, 5, 4 }, back.voxels().dimensionsAsLongArray());
		assertArrayEquals(g.spacing(), back.geometry().spacing(), 1e-6);
		assertArrayEquals(g.origin(), back.geometry().origin(), 1e-6);
		assertArrayEquals(g.direction(), back.geometry().direction(), 1e-6);
		float[] values = Images.toArray(back.voxels());
		assertEquals(0.01f * 37, values[37], 1e-6);
		String m = assertThrows(BadInputException.class, () -> MapExport.write(c, tmp.resolve("m.png"), FORMATS))
				.getMessage();
		assertTrue(m.contains("m.png") && m.contains("2D"), m);
	}

	@Test
	void a2dMapGoesToTiffValuesOrAPngHeatMap() throws Exception {
		Geometry g = Geometry.pixels(2);
		ReviewCase c = new ReviewCase(ramp("xray.png", 8, 6, 0, 1, g));
		c.showMap(ramp("map.tiff", 8, 6, 0, 0.02f, g), null);
		Path tiff = tmp.resolve("saved.tiff");
		MapExport.write(c, tiff, FORMATS);
		Volume back = FORMATS.read(tiff);
		assertEquals(2, back.voxels().numDimensions());
		assertEquals(0.02f * 13, Images.toArray(back.voxels())[13], 1e-6);
		Path png = tmp.resolve("saved.png");
		MapExport.write(c, png, FORMATS);
		Volume picture = FORMATS.read(png);
		assertEquals(3, picture.channels(), "a colour heat map over the scan");
		assertEquals(8, picture.width());
	}

	@Test
	void withoutAMapNothingIsWritten() {
		ReviewCase c = new ReviewCase(ramp("scan.nii.gz", 4, 4, 2, 1, Geometry.pixels(3)));
		Path out = tmp.resolve("none.nii.gz");
		String m = assertThrows(BadInputException.class, () -> MapExport.write(c, out, FORMATS)).getMessage();
		assertTrue(m.contains("no anomaly map"), m);
		assertTrue(!Files.exists(out));
	}
}

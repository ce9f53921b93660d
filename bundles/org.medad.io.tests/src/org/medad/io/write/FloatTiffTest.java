package org.medad.io.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.Raster;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloatTiffTest {
	@TempDir
	Path tmp;

	@Test
	void floatMapReadsBackExactlyThroughTheJdkTiffReader() throws Exception {
		float[] map = { 0f, -1.5f, 3.25e-7f, 1e6f, Float.MIN_NORMAL, 42.125f };
		Path f = tmp.resolve("m.tiff");
		FloatTiff.write(map, 3, 2, f);
		Raster r = ImageIO.read(f.toFile()).getRaster();
		assertEquals(3, r.getWidth());
		assertEquals(2, r.getHeight());
		for (int i = 0; i < map.length; i++) {
			assertEquals(map[i], r.getSampleFloat(i % 3, i / 3, 0), 0f, "pixel " + i);
		}
	}
}

package org.medad.io.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.FormatServices;
import org.medad.io.format.ImageFormats;

class RasterFormatsTest {
	@TempDir
	Path tmp;

	private static BufferedImage grey(int w, int h, int seed) {
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				img.getRaster().setSample(x, y, 0, (x * 7 + y * 13 + seed) % 256);
			}
		}
		return img;
	}

	@Test
	void bmpAndTiffReadExactlyThroughTheFormatServices() throws Exception {
		ImageFormats formats = FormatServices.get();
		BufferedImage img = grey(9, 5, 3);
		Path bmp = tmp.resolve("a.bmp");
		ImageIO.write(img, "bmp", bmp.toFile());
		Path tif = tmp.resolve("a.tif");
		ImageIO.write(img, "tiff", tif.toFile());
		float[] want = new float[45];
		img.getRaster().getSamples(0, 0, 9, 5, 0, want);
		for (Path p : List.of(bmp, tif)) {
			Volume v = formats.read(p);
			assertEquals(2, v.voxels().numDimensions(), p.toString());
			assertArrayEquals(want, Images.toArray(v.voxels()), p.toString());
			assertEquals("uint8", formats.formatOf(p).parseHeader(p).datatype());
		}
	}

	@Test
	void multiPageTiffIsAStack() throws Exception {
		Path tif = tmp.resolve("stack.tiff");
		ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(tif.toFile())) {
			w.setOutput(out);
			w.prepareWriteSequence(null);
			for (int k = 0; k < 3; k++) {
				w.writeToSequence(new IIOImage(grey(4, 3, k * 50), null, null), null);
			}
			w.endWriteSequence();
		} finally {
			w.dispose();
		}
		ImageFormats formats = FormatServices.get();
		Volume v = formats.read(tif);
		assertEquals(3, v.voxels().numDimensions());
		assertEquals(3, v.voxels().dimension(2));
		assertEquals("[4, 3, 3]", java.util.Arrays.toString(formats.formatOf(tif).parseHeader(tif).dims()));
		var ra = v.voxels().randomAccess();
		ra.setPosition(new long[] { 1, 2, 2 });
		assertEquals((7 + 26 + 100) % 256, ra.get().get());
	}

	@Test
	void jpegReadsAndFloatTiffWritesThroughServices() throws Exception {
		ImageFormats formats = FormatServices.get();
		Path jpg = tmp.resolve("a.jpg");
		ImageIO.write(grey(16, 16, 0), "jpeg", jpg.toFile());
		assertEquals("JPEG", formats.formatOf(jpg).name());
		assertEquals(16, formats.read(jpg).width());
		float[] map = { 0.25f, -3f, 1e5f, 7f };
		Path out = tmp.resolve("map.tiff");
		formats.write(new Volume("m", Images.wrap(map, 2, 2), Geometry.pixels(2), "OT", Map.of()), out);
		assertArrayEquals(map, Images.toArray(formats.read(out).voxels()));
	}

	@Test
	void truncatedPictureNamesTheFile() throws Exception {
		Path bmp = tmp.resolve("cut.bmp");
		ImageIO.write(grey(64, 64, 1), "bmp", bmp.toFile());
		byte[] b = Files.readAllBytes(bmp);
		Files.write(bmp, java.util.Arrays.copyOf(b, 100));
		BadInputException e = assertThrows(BadInputException.class, () -> FormatServices.get().read(bmp));
		assertTrue(e.getMessage().startsWith(bmp.toString()), e.getMessage());
	}
}

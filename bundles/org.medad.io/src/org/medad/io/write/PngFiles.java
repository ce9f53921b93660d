package org.medad.io.write;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.medad.core.model.AtomicFiles;

/** PNG output: grey images of integer values, and rendered pictures such as heat-map overlays. */
public final class PngFiles {
	private PngFiles() {
	}

	/** Integer grey values 0..255 become 8-bit PNG, 0..65535 16-bit; anything else is refused. */
	public static void writeGrey(float[] data, int w, int h, Path file) throws IOException {
		float max = 0;
		for (float v : data) {
			if (v < 0 || v > 65535 || v != Math.rint(v)) {
				throw new IOException(file + ": PNG stores integers 0..65535; value " + v + " does not fit (use TIFF)");
			}
			max = Math.max(max, v);
		}
		BufferedImage img = new BufferedImage(w, h, max > 255 ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
		WritableRaster r = img.getRaster();
		r.setSamples(0, 0, w, h, 0, data);
		writeImage(img, file);
	}

	/** Writes any BufferedImage (e.g. a colour heat map) as PNG, atomically. */
	public static void writeImage(BufferedImage img, Path file) throws IOException {
		AtomicFiles.write(file, tmp -> {
			if (!ImageIO.write(img, "png", tmp.toFile())) {
				throw new IOException(file + ": no PNG writer for image type " + img.getType());
			}
		});
	}
}

package org.medad.io.png;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;


import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;
import org.medad.io.write.PngFiles;
import org.osgi.service.component.annotations.Component;

/**
 * PNG slices (the BMAD benchmark's format) through the JDK's ImageIO: 8- and 16-bit grey and RGB (palette
 * images as their stored indices, alpha dropped). Writes 8- or 16-bit grey, whichever holds the values.
 */
@Component(service = ImageFormat.class)
public class PngFormat implements ImageFormat {
	private static final byte[] MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	@Override
	public String name() {
		return "PNG";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		if (head.length == 0) { // choosing a writer: by name
			return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
		}
		return head.length >= MAGIC.length && java.util.Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
	}

	@Override
	public ImageHeader parseHeader(Path file) throws BadInputException {
		Raster r = decode(file);
		int bits = r.getSampleModel().getSampleSize(0);
		return ImageHeader.picture(name(), r.getWidth(), r.getHeight(), r.getNumBands(), bits > 8 ? "uint16" : "uint8");
	}

	@Override
	public Volume read(Path file) throws BadInputException {
		Raster r = decode(file);
		int w = r.getWidth();
		int h = r.getHeight();
		// grey+alpha keeps grey; RGB(A) keeps the three colours, planar, channel axis last
		int channels = r.getNumBands() >= 3 ? 3 : 1;
		float[] out = new float[w * h * channels];
		float[] plane = new float[w * h];
		for (int c = 0; c < channels; c++) {
			r.getSamples(0, 0, w, h, c, plane);
			System.arraycopy(plane, 0, out, c * w * h, w * h);
		}
		var voxels = channels == 1 ? Images.wrap(out, w, h) : Images.wrap(out, w, h, channels);
		return new Volume(file.toString(), voxels, Geometry.pixels(2), channels, "OT",
				Map.of("channels", Integer.toString(r.getNumBands())));
	}

	private static Raster decode(Path file) throws BadInputException {
		return org.medad.io.raster.Pictures.read(file, "PNG").get(0);
	}

	@Override
	public boolean canWrite() {
		return true;
	}

	@Override
	public void write(Volume image, Path file) throws IOException {
		if (image.voxels().numDimensions() != 2) {
			throw new IOException(file + ": PNG holds 2D images, this one has " + image.voxels().numDimensions() + " axes");
		}
		PngFiles.writeGrey(Images.toArray(image.voxels()), image.width(), image.height(), file);
	}
}

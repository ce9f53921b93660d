package org.medad.io.raster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.write.FloatTiff;
import org.osgi.service.component.annotations.Component;

/** TIFF through ImageIO: 8/16-bit grey, RGB, float; multi-page files as a stack. Writes 2D float32 TIFF. */
@Component(service = ImageFormat.class)
public class TiffFormat extends RasterFormat {

	@Override
	public String name() {
		return "TIFF";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		if (head.length == 0) {
			String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
			return n.endsWith(".tif") || n.endsWith(".tiff");
		}
		return head.length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
				|| (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42));
	}

	@Override
	public boolean canWrite() {
		return true;
	}

	@Override
	public void write(Volume image, Path file) throws IOException {
		if (image.voxels().numDimensions() != 2 || image.channels() != 1) {
			throw new IOException(file + ": the TIFF writer stores one 2D grey plane; the image has "
					+ image.voxels().numDimensions() + " axes and " + image.channels() + " channel(s)");
		}
		FloatTiff.write(Images.toArray(image.voxels()), image.width(), image.height(), file);
	}
}

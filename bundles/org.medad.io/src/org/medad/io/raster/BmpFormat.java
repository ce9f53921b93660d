package org.medad.io.raster;

import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;
import org.osgi.service.component.annotations.Component;

/** Windows bitmaps (BMP) through ImageIO. */
@Component(service = ImageFormat.class)
public class BmpFormat implements ImageFormat {

	@Override
	public String name() {
		return "BMP";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		return head.length >= 2 && head[0] == 'B' && head[1] == 'M';
	}

	@Override
	public ImageHeader parseHeader(Path file) throws BadInputException {
		return RasterPictures.header(name(), RasterPictures.pages(file, name()));
	}

	@Override
	public Volume read(Path file) throws BadInputException {
		return RasterPictures.volume(file, RasterPictures.pages(file, name()));
	}
}

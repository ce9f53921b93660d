package org.medad.io.raster;

import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;

/** A picture format read through ImageIO; subclasses say what it is called and how to recognise it. */
abstract class RasterFormat implements ImageFormat {

	@Override
	public ImageHeader parseHeader(Path file) throws BadInputException {
		return RasterPictures.header(name(), RasterPictures.pages(file, name()));
	}

	@Override
	public Volume read(Path file) throws BadInputException {
		return RasterPictures.volume(file, RasterPictures.pages(file, name()));
	}
}

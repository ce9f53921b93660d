package org.medad.io.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;

/** The installed {@link ImageFormat} services, choosing the right one for each file. */
public interface ImageFormats {

	List<ImageFormat> formats();

	/** The format that claims the file, or an error naming the file and the formats tried. */
	ImageFormat formatOf(Path file) throws BadInputException;

	default Volume read(Path file) throws BadInputException {
		return formatOf(file).read(file);
	}

	/** Writes with the format that owns the file name's suffix. */
	void write(Volume image, Path file) throws IOException, BadInputException;
}

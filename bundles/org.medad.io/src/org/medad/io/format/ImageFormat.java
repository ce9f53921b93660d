package org.medad.io.format;

import java.io.IOException;
import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;

/**
 * One image file format, registered as a DS service. Split the way SCIFIO splits formats (check,
 * parse the header, read planes, write) so that a SCIFIO bridge can be added as just another service.
 */
public interface ImageFormat {

	/** Short name shown by {@code medad inspect}, e.g. "PNG", "NIfTI-1". */
	String name();

	/** True for formats whose images are folders of files (DICOM series). */
	default boolean readsFolders() {
		return false;
	}

	/** Cheap check on the file name and its first bytes (at most 512); reads nothing else. */
	boolean isThisFormat(Path file, byte[] head);

	ImageHeader parseHeader(Path file) throws BadInputException;

	/** All planes as one image in real-world values, with the file's geometry. */
	Volume read(Path file) throws BadInputException;

	/**
	 * Several images in one path (the series of a DICOM folder): picks one by index or identifier. Formats
	 * holding one image per path accept only a null selector.
	 */
	default ImageHeader parseHeader(Path file, String part) throws BadInputException {
		if (part != null) {
			throw BadInputException.of(file, name() + " files hold one image; there is no '" + part + "' to choose");
		}
		return parseHeader(file);
	}

	default Volume read(Path file, String part) throws BadInputException {
		if (part != null) {
			throw BadInputException.of(file, name() + " files hold one image; there is no '" + part + "' to choose");
		}
		return read(file);
	}

	/**
	 * The images the path holds when it holds several (a folder of DICOM series), for a user to choose one; empty
	 * when it holds one image, or the format has no parts.
	 */
	default java.util.List<ImagePart> parts(Path file) throws BadInputException {
		return java.util.List.of();
	}

	default boolean canWrite() {
		return false;
	}

	/** Writes atomically; formats that cannot write throw {@link UnsupportedOperationException}. */
	default void write(Volume image, Path file) throws IOException {
		throw new UnsupportedOperationException(name() + " files cannot be written");
	}
}

package org.medad.io.dicom;

import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.io.raw.DataType;

/** How a DICOM image's samples are laid out and what they mean (image pixel module). */
record PixelFormat(int rows, int columns, int frames, int samplesPerPixel, int bitsAllocated, int bitsStored,
		boolean signed, String photometric, boolean planar, double slope, double intercept) {

	static PixelFormat of(DicomFile f) throws BadInputException {
		DicomDataset d = f.data;
		int rows = d.unsignedShort(Tag.ROWS, -1);
		int cols = d.unsignedShort(Tag.COLUMNS, -1);
		if (rows <= 0 || cols <= 0) {
			throw BadInputException.of(f.file, "no image attributes (Rows/Columns) in the data set: not an image");
		}
		Double frames = d.number(Tag.NUMBER_OF_FRAMES);
		if (frames != null && (frames != Math.rint(frames) || frames > Integer.MAX_VALUE)) {
			throw BadInputException.of(f.file, "NumberOfFrames (0028,0008) = " + d.string(Tag.NUMBER_OF_FRAMES)
					+ " is not a frame count");
		}
		int bitsAllocated = d.unsignedShort(Tag.BITS_ALLOCATED, 16);
		if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
			throw BadInputException.of(f.file, "BitsAllocated (0028,0100) = " + bitsAllocated + " is not supported (1, 8,"
					+ " 16 or 32)");
		}
		int bitsStored = d.unsignedShort(Tag.BITS_STORED, bitsAllocated);
		if (bitsStored < 1 || bitsStored > bitsAllocated) {
			throw BadInputException.of(f.file, "BitsStored (0028,0101) = " + bitsStored + " does not fit BitsAllocated "
					+ bitsAllocated);
		}
		int samplesPerPixel = d.unsignedShort(Tag.SAMPLES_PER_PIXEL, 1);
		if (samplesPerPixel != 1 && samplesPerPixel != 3) {
			throw BadInputException.of(f.file, "SamplesPerPixel (0028,0002) = " + samplesPerPixel + " (1 for grey, 3 for"
					+ " colour)");
		}
		Double slope = d.number(Tag.RESCALE_SLOPE);
		Double intercept = d.number(Tag.RESCALE_INTERCEPT);
		String photometric = d.string(Tag.PHOTOMETRIC);
		PixelFormat p = new PixelFormat(rows, cols, frames == null || frames < 1 ? 1 : frames.intValue(), samplesPerPixel,
				bitsAllocated, bitsStored, d.unsignedShort(Tag.PIXEL_REPRESENTATION, 0) == 1,
				photometric == null ? "MONOCHROME2" : photometric, d.unsignedShort(Tag.PLANAR_CONFIGURATION, 0) == 1,
				slope == null || !Double.isFinite(slope) ? 1 : slope,
				intercept == null || !Double.isFinite(intercept) ? 0 : intercept);
		if (p.samples() > Integer.MAX_VALUE - 8) {
			throw BadInputException.of(f.file, rows + " rows x " + cols + " columns x " + p.frames() + " frames x "
					+ samplesPerPixel + " samples are more than one image can hold (2^31)");
		}
		return p;
	}

	/** The stored sample type; null for 1-bit (bit-packed) data. */
	DataType dataType(Path file) throws BadInputException {
		return switch (bitsAllocated) {
		case 1 -> null;
		case 8 -> signed ? DataType.INT8 : DataType.UINT8;
		case 16 -> signed ? DataType.INT16 : DataType.UINT16;
		case 32 -> signed ? DataType.INT32 : DataType.UINT32;
		default -> throw BadInputException.of(file, "BitsAllocated " + bitsAllocated + " is not supported");
		};
	}

	String datatypeLabel(Path file) throws BadInputException {
		DataType t = dataType(file);
		return t == null ? "bit" : t.label();
	}

	int channels() {
		return samplesPerPixel;
	}

	long framePixels() {
		return (long) rows * columns;
	}

	long samples() {
		return framePixels() * frames * samplesPerPixel;
	}

	boolean monochrome1() {
		return "MONOCHROME1".equals(photometric);
	}
}

package org.medad.io.format;

import java.io.IOException;
import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Volume;
import org.medad.io.nifti.NiftiSlices;

/**
 * Volumes read and written one axial slice at a time, in order, so that a volume of any depth takes the memory of a
 * slice: NIfTI (read and written) and DICOM series folders (read). Everything else is read whole.
 */
public final class AxialSlices {
	private AxialSlices() {
	}

	/** The next axial slice on each call, from 0 to {@code dims()[2] - 1}. */
	public interface Reader extends AutoCloseable {
		long[] dims();

		/** The volume's geometry (3D). */
		Geometry geometry();

		/** The next slice as a 2D volume, named like {@code Slicing}'s slices ("FILE#axialK"). */
		Volume next() throws BadInputException;

		@Override
		void close() throws IOException;
	}

	/** The values of axial slice {@code k} (x fastest), asked for in order. */
	public interface Producer {
		float[] slice(int k) throws MedadException;
	}

	/**
	 * A slice reader for {@code file}, or null when its format or shape is not read slice by slice: NIfTI files, and
	 * DICOM series folders (one file per slice, in the series reader's order).
	 */
	public static Reader open(Path file) throws BadInputException {
		if (java.nio.file.Files.isDirectory(file)) {
			return org.medad.io.dicom.DicomSeriesSlices.of(file);
		}
		return NiftiSlices.reader(file);
	}

	/** Whether {@link #write} stores this file name slice by slice (.nii, .nii.gz). */
	public static boolean canWrite(Path file) {
		String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return n.endsWith(".nii") || n.endsWith(".nii.gz");
	}

	/** Writes a float volume of {@code dims} on {@code geometry} slice by slice, atomically. */
	public static void write(Path file, long[] dims, Geometry geometry, Producer slices)
			throws IOException, MedadException {
		NiftiSlices.write(file, dims, geometry, slices);
	}
}

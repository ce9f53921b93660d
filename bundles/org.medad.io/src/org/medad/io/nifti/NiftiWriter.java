package org.medad.io.nifti;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.medad.core.image.Affine;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.AtomicFiles;
import org.medad.io.raw.FloatOutput;

/**
 * Writes a volume as NIfTI-1, float32, little endian, on its exact geometry: sform (code 2, aligned)
 * holds the affine to the bit; qform (code 2) the nearest rotation with qfac for a reflection.
 * {@code .nii.gz} is gzip-compressed. Written atomically.
 */
final class NiftiWriter {
	private NiftiWriter() {
	}

	static void write(Volume image, Path file) throws IOException {
		if (image.channels() > 1) {
			throw new IOException(file + ": this writer stores single-channel float images; the image has "
					+ image.channels() + " channels");
		}
		int ndim = image.voxels().numDimensions();
		if (ndim < 2 || ndim > 4) {
			throw new IOException(file + ": NIfTI output needs 2 to 4 axes, the image has " + ndim);
		}
		ByteBuffer header = header(image);
		float[] data = Images.toArray(image.voxels());
		boolean gz = file.getFileName().toString().endsWith(".gz");
		AtomicFiles.write(file, tmp -> {
			try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
					OutputStream out = gz ? NiftiSlices.fastGzip(raw) : raw) {
				out.write(header.array());
				FloatOutput.writeLittleEndian(data, out);
			}
		});
	}

	static ByteBuffer header(Volume image) {
		return header(image.voxels().dimensionsAsLongArray(), image.geometry());
	}

	/** The float32 NIfTI-1 header of an image of {@code dims} on {@code g}. */
	static ByteBuffer header(long[] dims, Geometry g) {
		ByteBuffer b = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(0, 348);
		int ndim = dims.length;
		b.putShort(40, (short) ndim);
		for (int i = 0; i < 7; i++) {
			b.putShort(42 + 2 * i, (short) (i < ndim ? dims[i] : 1));
		}
		b.putShort(70, (short) 16); // float32
		b.putShort(72, (short) 32);
		double[] affine = Affine.of(g);
		double[] q = Quaternion.fromAffine(affine);
		b.putFloat(76, (float) q[3]); // qfac
		for (int i = 0; i < 3; i++) {
			b.putFloat(80 + 4 * i, (float) (i < g.dimensions() ? g.spacing()[i] : 1));
		}
		if (ndim == 4) {
			b.putFloat(92, 1f);
		}
		b.putFloat(108, 352f); // vox_offset
		b.putFloat(112, 1f); // scl_slope
		b.put(123, (byte) (2 | 8)); // mm, seconds
		b.putShort(252, (short) 2);
		b.putShort(254, (short) 2);
		for (int i = 0; i < 3; i++) {
			b.putFloat(256 + 4 * i, (float) q[i]);
			b.putFloat(268 + 4 * i, (float) affine[i * 4 + 3]);
		}
		for (int i = 0; i < 12; i++) {
			b.putFloat(280 + 4 * i, (float) affine[i]);
		}
		b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
		return b;
	}
}

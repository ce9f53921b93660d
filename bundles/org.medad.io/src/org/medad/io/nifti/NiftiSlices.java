package org.medad.io.nifti;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.AtomicFiles;
import org.medad.io.dataset.Slicing;
import org.medad.io.format.AxialSlices;
import org.medad.io.raw.FloatOutput;
import org.medad.io.raw.VoxelDecoder;

/**
 * NIfTI volumes read and written one axial slice at a time, in file order (z is the slowest axis, so a slice is one
 * contiguous run of bytes and a .nii.gz is inflated or deflated in a single forward pass): the memory a volume takes
 * is one slice, whatever its depth.
 */
public final class NiftiSlices {
	private NiftiSlices() {
	}

	/** A reader for a single-channel 3D NIfTI file, or null for anything else (the caller reads it whole). */
	public static AxialSlices.Reader reader(Path file) throws BadInputException {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!name.endsWith(".nii") && !name.endsWith(".nii.gz")) {
			return null;
		}
		NiftiHeader h = NiftiFormat.header(file);
		if (!h.singleFile() || h.dims().length != 3 || h.channels() != 1) {
			return null;
		}
		// the geometry exactly as the whole-volume reader computes it
		Geometry g = org.medad.core.image.Affine.toGeometry(NiftiAffine.best(h), true);
		try {
			return new Reader(file, h, g, NiftiFormat.isGzip(file));
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot be read: " + e.getMessage(), e);
		}
	}

	private static final class Reader implements AxialSlices.Reader {
		private final Path file;
		private final long[] dims;
		private final Geometry geometry;
		private final Geometry sliceGeometry;
		private final VoxelDecoder decoder;
		private final InputStream in;
		private final byte[] bytes;
		private int next;

		Reader(Path file, NiftiHeader h, Geometry geometry, boolean gz) throws BadInputException {
			this.file = file;
			this.dims = h.dims().clone();
			this.geometry = geometry;
			this.sliceGeometry = Slicing.sliceGeometry(geometry, Slicing.Plane.AXIAL);
			this.decoder = new VoxelDecoder(h.dataType(file), h.order(), h.slope(), h.intercept());
			long sliceBytes = dims[0] * dims[1] * decoder.type().bytes();
			if (sliceBytes > Integer.MAX_VALUE - 8) {
				throw BadInputException.of(file, "an axial slice of " + dims[0] + " x " + dims[1] + " is too large");
			}
			this.bytes = new byte[(int) sliceBytes];
			InputStream raw = null;
			try {
				raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
				this.in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
				in.skipNBytes(h.voxOffset());
			} catch (IOException e) {
				closeQuietly(raw); // a bad gzip header or a short file must not leave the file open
				throw e instanceof java.io.EOFException
						? BadInputException.of(file, "ends before its voxel data (vox_offset " + h.voxOffset() + ")")
						: BadInputException.of(file, "cannot be read: " + e.getMessage(), e);
			}
		}

		@Override
		public long[] dims() {
			return dims.clone();
		}

		@Override
		public Geometry geometry() {
			return geometry;
		}

		@Override
		public Volume next() throws BadInputException {
			if (next >= dims[2]) {
				throw new IllegalStateException(file + ": all " + dims[2] + " slices were read");
			}
			try {
				int n = in.readNBytes(bytes, 0, bytes.length);
				if (n < bytes.length) {
					throw BadInputException.of(file, "truncated: axial slice " + next + " of " + dims[2] + " is incomplete");
				}
			} catch (IOException e) {
				throw BadInputException.of(file, "cannot be read at axial slice " + next + ": " + e.getMessage(), e);
			}
			float[] px = new float[(int) (dims[0] * dims[1])];
			decoder.decode(ByteBuffer.wrap(bytes), px, 0);
			Map<String, String> meta = new LinkedHashMap<>();
			meta.put("format", "NIfTI");
			meta.put("plane", "axial");
			meta.put("slice_index", Integer.toString(next));
			Volume v = new Volume(file + "#axial" + next, Images.wrap(px, dims[0], dims[1]), sliceGeometry, "MR", meta);
			next++;
			return v;
		}

		@Override
		public void close() throws IOException {
			in.close();
		}

		private static void closeQuietly(InputStream s) {
			if (s != null) {
				try {
					s.close();
				} catch (IOException ignored) {
					// the read error is what the user needs to see
				}
			}
		}
	}

	/**
	 * Writes a float32 NIfTI-1 file on {@code geometry} of {@code dims} (3D), asking {@code slices} for each axial
	 * slice in order (nx x ny floats, x fastest); atomic: the file appears complete or not at all.
	 */
	public static void write(Path file, long[] dims, Geometry geometry, AxialSlices.Producer slices)
			throws IOException, MedadException {
		java.nio.ByteBuffer header = NiftiWriter.header(dims, geometry);
		boolean gz = file.getFileName().toString().endsWith(".gz");
		MedadException[] failure = new MedadException[1];
		try {
			AtomicFiles.write(file, tmp -> {
				try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
						OutputStream out = gz ? NiftiSlices.fastGzip(raw) : raw) {
					out.write(header.array());
					for (int k = 0; k < dims[2]; k++) {
						float[] slice = slices.slice(k);
						if (slice.length != dims[0] * dims[1]) {
							throw new IllegalArgumentException("slice " + k + " has " + slice.length + " values, not "
									+ dims[0] + " x " + dims[1]);
						}
						FloatOutput.writeLittleEndian(slice, out);
					}
				} catch (MedadException e) {
					failure[0] = e;
					throw new IOException(e.getMessage(), e);
				}
			});
		} catch (IOException e) {
			if (failure[0] != null) {
				throw failure[0];
			}
			throw e;
		}
	}

	/**
	 * gzip at deflate level 1: float maps and scans compress little better at the default level 6, which costs
	 * two to three times the time and was the bottleneck of batch scoring with cheap detectors.
	 */
	static OutputStream fastGzip(OutputStream raw) throws java.io.IOException {
		return new GZIPOutputStream(raw, 1 << 16) {
			{
				def.setLevel(java.util.zip.Deflater.BEST_SPEED);
			}
		};
	}
}

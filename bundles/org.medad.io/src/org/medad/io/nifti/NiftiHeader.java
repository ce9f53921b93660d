package org.medad.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.medad.core.error.BadInputException;
import org.medad.io.raw.DataType;

/**
 * The fields of a NIfTI-1, NIfTI-2 or Analyze 7.5 header that reading needs, parsed in the file's byte
 * order (detected from {@code sizeof_hdr}).
 */
record NiftiHeader(Kind kind, ByteOrder order, long[] dims, int datatypeCode, double[] pixdim, long voxOffset,
		double sclSlope, double sclInter, int qformCode, int sformCode, double[] quatern, double[] qoffset,
		double[] srow, int xyztUnits, short[] analyzeOrigin, boolean singleFile) {

	enum Kind {
		NIFTI1("NIfTI-1"), NIFTI2("NIfTI-2"), ANALYZE("ANALYZE-7.5");

		final String label;

		Kind(String label) {
			this.label = label;
		}
	}

	static final int NIFTI1_SIZE = 348;
	static final int NIFTI2_SIZE = 540;

	/** Parses the first bytes of a header file (at least 348, or 540 for NIfTI-2). */
	static NiftiHeader parse(Path file, byte[] bytes) throws BadInputException {
		if (bytes.length < NIFTI1_SIZE) {
			throw BadInputException.of(file, "truncated header: " + bytes.length + " bytes, a NIfTI/Analyze header has "
					+ NIFTI1_SIZE);
		}
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int size = b.getInt(0);
		if (size != NIFTI1_SIZE && size != NIFTI2_SIZE) {
			b.order(ByteOrder.BIG_ENDIAN);
			size = b.getInt(0);
		}
		if (size == NIFTI2_SIZE) {
			if (bytes.length < NIFTI2_SIZE) {
				throw BadInputException.of(file, "truncated NIfTI-2 header: " + bytes.length + " of 540 bytes");
			}
			return parse2(file, b);
		}
		if (size != NIFTI1_SIZE) {
			throw BadInputException.of(file, "not a NIfTI or Analyze header (sizeof_hdr at offset 0 is "
					+ ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) + ", expected 348 or 540)");
		}
		return parse1(file, b);
	}

	private static NiftiHeader parse1(Path file, ByteBuffer b) throws BadInputException {
		String magic = new String(bytes(b, 344, 4), StandardCharsets.ISO_8859_1);
		Kind kind = magic.startsWith("n+1") || magic.startsWith("ni1") ? Kind.NIFTI1 : Kind.ANALYZE;
		long[] dims = dims(file, b.getShort(40), i -> b.getShort(40 + 2 * i));
		double[] pixdim = new double[8];
		for (int i = 0; i < 8; i++) {
			pixdim[i] = b.getFloat(76 + 4 * i);
		}
		double[] quatern = { b.getFloat(256), b.getFloat(260), b.getFloat(264) };
		double[] qoffset = { b.getFloat(268), b.getFloat(272), b.getFloat(276) };
		double[] srow = new double[12];
		for (int i = 0; i < 12; i++) {
			srow[i] = b.getFloat(280 + 4 * i);
		}
		short[] origin = new short[5];
		for (int i = 0; i < 5; i++) {
			origin[i] = b.getShort(253 + 2 * i);
		}
		boolean nifti = kind == Kind.NIFTI1;
		return new NiftiHeader(kind, b.order(), dims, b.getShort(70), pixdim, voxOffset(file, b.getFloat(108),
				magic.startsWith("n+1")), b.getFloat(112),
				b.getFloat(116), nifti ? b.getShort(252) : 0, nifti ? b.getShort(254) : 0, quatern, qoffset, srow,
				nifti ? b.get(123) & 0xff : 0, origin, magic.startsWith("n+1"));
	}

	private static NiftiHeader parse2(Path file, ByteBuffer b) throws BadInputException {
		String magic = new String(bytes(b, 4, 8), StandardCharsets.ISO_8859_1);
		if (!magic.startsWith("n+2") && !magic.startsWith("ni2")) {
			throw BadInputException.of(file, "sizeof_hdr says NIfTI-2 but the magic at offset 4 is '" + magic.trim() + "'");
		}
		long[] dims = dims(file, b.getLong(16), i -> b.getLong(16 + 8 * i));
		double[] pixdim = new double[8];
		for (int i = 0; i < 8; i++) {
			pixdim[i] = b.getDouble(104 + 8 * i);
		}
		double[] quatern = { b.getDouble(352), b.getDouble(360), b.getDouble(368) };
		double[] qoffset = { b.getDouble(376), b.getDouble(384), b.getDouble(392) };
		double[] srow = new double[12];
		for (int i = 0; i < 12; i++) {
			srow[i] = b.getDouble(400 + 8 * i);
		}
		return new NiftiHeader(Kind.NIFTI2, b.order(), dims, b.getShort(12), pixdim, voxOffset(file, b.getLong(168),
				magic.startsWith("n+2")), b.getDouble(176),
				b.getDouble(184), b.getInt(344), b.getInt(348), quatern, qoffset, srow, b.getInt(500), new short[5],
				magic.startsWith("n+2"));
	}

	/** vox_offset as a byte offset: finite, whole, not negative, and past the header in single-file NIfTI. */
	private static long voxOffset(Path file, double v, boolean singleFile) throws BadInputException {
		if (!Double.isFinite(v) || v < 0 || v > (1L << 53) || v != Math.rint(v)) {
			throw BadInputException.of(file, "vox_offset = " + v + " is not a byte offset into the data");
		}
		if (singleFile && v > 0 && v < NIFTI1_SIZE) {
			throw BadInputException.of(file, "vox_offset = " + (long) v + " points into the header (the data of a"
					+ " single-file NIfTI start after it)");
		}
		return (long) v;
	}

	private interface DimAt {
		long get(int i);
	}

	private static long[] dims(Path file, long ndim, DimAt at) throws BadInputException {
		if (ndim < 1 || ndim > 7) {
			throw BadInputException.of(file, "dim[0] = " + ndim + " is not a number of dimensions (1 to 7)");
		}
		long[] d = new long[(int) ndim];
		for (int i = 0; i < ndim; i++) {
			d[i] = at.get(i + 1);
			if (d[i] < 1) {
				throw BadInputException.of(file, "dim[" + (i + 1) + "] = " + d[i] + " is not a size");
			}
		}
		long n = 1;
		for (long x : d) {
			if (n > Long.MAX_VALUE / 16 / x) {
				throw BadInputException.of(file, "dimensions " + Arrays.toString(d) + " multiply to more voxels than"
						+ " any file holds");
			}
			n *= x;
		}
		return d;
	}

	private static byte[] bytes(ByteBuffer b, int at, int n) {
		byte[] out = new byte[n];
		b.get(at, out);
		return out;
	}

	/** The stored sample type, or null with {@link #channels()} > 1 for RGB(A). */
	DataType dataType(Path file) throws BadInputException {
		return switch (datatypeCode) {
		case 2 -> DataType.UINT8;
		case 4 -> DataType.INT16;
		case 8 -> DataType.INT32;
		case 16 -> DataType.FLOAT32;
		case 64 -> DataType.FLOAT64;
		case 256 -> DataType.INT8;
		case 512 -> DataType.UINT16;
		case 768 -> DataType.UINT32;
		case 1024 -> DataType.INT64;
		case 1280 -> DataType.UINT64;
		case 128, 2304 -> DataType.UINT8; // RGB24, RGBA32: interleaved bytes
		default -> throw BadInputException.of(file, "NIfTI datatype " + datatypeCode + " ("
				+ switch (datatypeCode) {
				case 1 -> "binary";
				case 32 -> "complex64";
				case 1536 -> "float128";
				case 1792 -> "complex128";
				case 2048 -> "complex256";
				default -> "unknown";
				} + ") is not supported");
		};
	}

	int channels() {
		return datatypeCode == 128 ? 3 : datatypeCode == 2304 ? 4 : 1;
	}

	String datatypeLabel(Path file) throws BadInputException {
		return channels() == 3 ? "rgb24" : channels() == 4 ? "rgba32" : dataType(file).label();
	}

	/** Scaling as nibabel applies it: a zero or non-finite slope means none. */
	double slope() {
		return sclSlope == 0 || !Double.isFinite(sclSlope) ? 1 : sclSlope;
	}

	double intercept() {
		return sclSlope == 0 || !Double.isFinite(sclSlope) || !Double.isFinite(sclInter) ? 0 : sclInter;
	}

	long voxelCount() {
		return Arrays.stream(dims).reduce(1, (a, c) -> a * c);
	}

	/** pixdim[1..ndim], the spacing the header states per axis. */
	double[] spacing() {
		return Arrays.copyOfRange(pixdim, 1, 1 + dims.length);
	}
}

package org.medad.io.nrrd;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.io.raw.DataType;
import org.medad.io.raw.HeaderLines;
import org.medad.io.raw.PatientSpace;

/** A parsed NRRD header (teem's NRRD0001-0005): fields, type, sizes, encoding, data location, geometry. */
record NrrdHeader(Path file, Map<String, String> fields, DataType type, long[] sizes, int channels,
		String encoding, ByteOrder order, Path dataFile, long dataOffset, long byteSkip, long lineSkip,
		Geometry geometry, double[] spacing, String space) {

	static NrrdHeader parse(Path file) throws BadInputException {
		HeaderLines h = HeaderLines.read(file, line -> false);
		if (h.lines().isEmpty() || !h.lines().get(0).startsWith("NRRD000")) {
			throw BadInputException.of(file, "not a NRRD file (no NRRD000x magic on the first line)");
		}
		Map<String, String> f = new LinkedHashMap<>();
		for (String line : h.lines().subList(1, h.lines().size())) {
			if (line.startsWith("#")) {
				continue;
			}
			int colon = line.indexOf(": ");
			if (colon > 0 && !line.substring(0, colon).contains(":=")) {
				f.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 2).trim());
			}
		}
		int dim = (int) HeaderLines.integer(file, "dimension", require(file, f, "dimension"), 1, 16);
		long[] sz = HeaderLines.integers(file, "sizes", require(file, f, "sizes"), dim, 1, Integer.MAX_VALUE);
		DataType type = type(file, require(file, f, "type"));
		String encoding = require(file, f, "encoding").toLowerCase(Locale.ROOT);
		ByteOrder order = "big".equalsIgnoreCase(f.get("endian")) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		if (type.bytes() > 1 && !f.containsKey("endian") && encoding.matches("raw|gzip|gz|bzip2|bz2")) {
			throw BadInputException.of(file, "multi-byte type '" + f.get("type") + "' without an 'endian' field");
		}
		// a leading non-spatial axis (kinds RGB-color, vector, list...) holds the channels
		String[] kinds = f.containsKey("kinds") ? f.get("kinds").trim().split("\\s+") : new String[0];
		int channels = 1;
		int first = 0;
		if (kinds.length == dim && dim > 1 && !kinds[0].equalsIgnoreCase("domain") && !kinds[0].equalsIgnoreCase("space")) {
			channels = (int) sz[0];
			first = 1;
		}
		long[] sizes = new long[dim - first];
		for (int i = first; i < dim; i++) {
			sizes[i - first] = sz[i];
		}
		HeaderLines.samples(file, sizes, channels);
		String space = f.get("space");
		Geometry g;
		double[] spacing;
		int n = sizes.length;
		if (f.containsKey("space directions")) {
			java.util.List<double[]> axes = new java.util.ArrayList<>();
			for (String v : f.get("space directions").trim().split("\\s+(?![^()]*\\))")) {
				if (!v.equalsIgnoreCase("none")) {
					axes.add(HeaderLines.numbers(file, "space directions", v, -1));
				}
			}
			if (axes.size() != n || axes.stream().anyMatch(a -> a.length != n)) {
				throw BadInputException.of(file, "space directions '" + f.get("space directions") + "' do not give " + n
						+ " vectors of " + n + " values for the " + n + " spatial axes");
			}
			double[] origin = f.containsKey("space origin")
					? HeaderLines.numbers(file, "space origin", f.get("space origin"), n)
					: new double[n];
			g = PatientSpace.geometry(axes.toArray(new double[0][]), origin, isLps(space, n));
			spacing = g.spacing().clone();
		} else if (f.containsKey("spacings")) {
			spacing = HeaderLines.numbers(file, "spacings", f.get("spacings"), dim);
			spacing = java.util.Arrays.copyOfRange(spacing, first, dim);
			double[][] axes = new double[n][n];
			for (int i = 0; i < n; i++) {
				axes[i][i] = Double.isNaN(spacing[i]) ? 1 : spacing[i];
			}
			g = PatientSpace.geometry(axes, new double[n], false);
		} else {
			spacing = null;
			g = Geometry.pixels(n);
		}
		String dataFileName = f.getOrDefault("data file", f.get("datafile"));
		Path dataFile = file;
		long offset = h.dataOffset();
		if (dataFileName != null) {
			if (dataFileName.startsWith("LIST") || dataFileName.contains("%")) {
				throw BadInputException.of(file, "multi-file NRRD data ('" + dataFileName + "') is not supported");
			}
			dataFile = HeaderLines.dataFile(file, "data file", dataFileName);
			offset = 0;
		}
		// byte skip -1: the data are the last bytes of the (raw) data file
		long byteSkip = f.containsKey("byte skip") ? HeaderLines.integer(file, "byte skip", f.get("byte skip"), -1,
				Long.MAX_VALUE / 2) : 0;
		long lineSkip = f.containsKey("line skip") ? HeaderLines.integer(file, "line skip", f.get("line skip"), 0,
				Integer.MAX_VALUE) : 0;
		return new NrrdHeader(file, f, type, sizes, channels, encoding, order, dataFile, offset, byteSkip, lineSkip, g,
				spacing, space);
	}

	/** Whether axis vectors are in LPS: ITK's spaces say so, and 3D NRRD without a space is ITK's LPS too. */
	private static boolean isLps(String space, int n) {
		if (space == null) {
			return n == 3; // ITK writes 3D NRRD in LPS; 2D without a space is a plain grid
		}
		String s = space.toLowerCase(Locale.ROOT);
		return s.equals("left-posterior-superior") || s.equals("lps") || s.equals("left-posterior-superior-time")
				|| s.equals("lpst");
	}

	private static String require(Path file, Map<String, String> f, String key) throws BadInputException {
		String v = f.get(key);
		if (v == null) {
			throw BadInputException.of(file, "NRRD header lacks the required field '" + key + "'");
		}
		return v;
	}

	static DataType type(Path file, String t) throws BadInputException {
		String s = t.toLowerCase(Locale.ROOT).trim();
		return switch (s) {
		case "signed char", "int8", "int8_t" -> DataType.INT8;
		case "uchar", "unsigned char", "uint8", "uint8_t" -> DataType.UINT8;
		case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> DataType.INT16;
		case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> DataType.UINT16;
		case "int", "signed int", "int32", "int32_t" -> DataType.INT32;
		case "uint", "unsigned int", "uint32", "uint32_t" -> DataType.UINT32;
		case "longlong", "long long", "long long int", "signed long long", "signed long long int", "int64", "int64_t" ->
			DataType.INT64;
		case "ulonglong", "unsigned long long", "unsigned long long int", "uint64", "uint64_t" -> DataType.UINT64;
		case "float" -> DataType.FLOAT32;
		case "double" -> DataType.FLOAT64;
		default -> throw BadInputException.of(file, "NRRD type '" + t + "' is not supported");
		};
	}

	long sampleCount() {
		long n = channels;
		for (long s : sizes) {
			n *= s;
		}
		return n;
	}
}

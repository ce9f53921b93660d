package org.medad.io.meta;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.AtomicFiles;
import org.medad.io.raw.FloatOutput;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;
import org.medad.io.raw.DataType;
import org.medad.io.raw.HeaderLines;
import org.medad.io.raw.PatientSpace;
import org.medad.io.raw.SampleReader;
import org.medad.io.raw.VoxelDecoder;
import org.osgi.service.component.annotations.Component;

/**
 * MetaImage ({@code .mha} with attached data, {@code .mhd} with a detached file): every MET_ element
 * type, channels, zlib CompressedData, byte order, TransformMatrix/Offset/ElementSpacing in ITK's LPS
 * (converted to RAS). Writes float32, zlib-compressed {@code .mha}.
 */
@Component(service = ImageFormat.class)
public class MetaImageFormat implements ImageFormat {

	@Override
	public String name() {
		return "MetaImage";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (head.length == 0) {
			return n.endsWith(".mha");
		}
		if (!(n.endsWith(".mha") || n.endsWith(".mhd"))) {
			return false;
		}
		String text = new String(head, 0, Math.min(head.length, 200), StandardCharsets.ISO_8859_1);
		return text.matches("(?s)\\s*(ObjectType|NDims|Comment|ObjectSubType)\\s*=.*");
	}

	record Header(Path file, Map<String, String> fields, DataType type, long[] dims, int channels, ByteOrder order,
			boolean compressed, Path dataFile, long dataOffset, Geometry geometry, double[] spacing) {
	}

	static Header header(Path file) throws BadInputException {
		HeaderLines h = HeaderLines.read(file, line -> line.trim().startsWith("ElementDataFile"));
		Map<String, String> f = new LinkedHashMap<>();
		for (String line : h.lines()) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				f.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
			}
		}
		int n = (int) HeaderLines.integer(file, "NDims", require(file, f, "NDims"), 1, 16);
		long[] dims = HeaderLines.integers(file, "DimSize", require(file, f, "DimSize"), n, 1, Integer.MAX_VALUE);
		String et = require(file, f, "ElementType");
		DataType type = type(file, et);
		int channels = f.containsKey("ElementNumberOfChannels")
				? (int) HeaderLines.integer(file, "ElementNumberOfChannels", f.get("ElementNumberOfChannels"), 1, 1 << 16)
				: 1;
		HeaderLines.samples(file, dims, channels);
		String msb = f.getOrDefault("BinaryDataByteOrderMSB", f.getOrDefault("ElementByteOrderMSB", "False"));
		ByteOrder order = msb.equalsIgnoreCase("True") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		boolean compressed = f.getOrDefault("CompressedData", "False").equalsIgnoreCase("True");
		double[] spacing = f.containsKey("ElementSpacing")
				? HeaderLines.numbers(file, "ElementSpacing", f.get("ElementSpacing"), n)
				: f.containsKey("ElementSize") ? HeaderLines.numbers(file, "ElementSize", f.get("ElementSize"), n) : ones(n);
		String originKey = f.containsKey("Offset") ? "Offset" : f.containsKey("Position") ? "Position" : "Origin";
		double[] origin = f.containsKey(originKey) ? HeaderLines.numbers(file, originKey, f.get(originKey), n)
				: new double[n];
		String tmKey = f.containsKey("TransformMatrix") ? "TransformMatrix"
				: f.containsKey("Rotation") ? "Rotation" : "Orientation";
		double[] tm = f.containsKey(tmKey) ? HeaderLines.numbers(file, tmKey, f.get(tmKey), n * n) : identity(n);
		// ITK: the i-th group of n values is the direction of voxel axis i
		double[][] axes = new double[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				axes[i][j] = tm[i * n + j] * spacing[i];
			}
		}
		Geometry g = PatientSpace.geometry(axes, origin, true);
		String data = require(file, f, "ElementDataFile");
		Path dataFile;
		long offset;
		if (data.equalsIgnoreCase("LOCAL")) {
			dataFile = file;
			offset = h.dataOffset();
		} else if (data.startsWith("LIST") || data.contains("%")) {
			throw BadInputException.of(file, "multi-file MetaImage data ('" + data + "') is not supported");
		} else {
			dataFile = HeaderLines.dataFile(file, "ElementDataFile", data);
			long headerSize = f.containsKey("HeaderSize")
					? HeaderLines.integer(file, "HeaderSize", f.get("HeaderSize"), -1, Long.MAX_VALUE / 2)
					: 0;
			offset = headerSize;
		}
		return new Header(file, f, type, dims, channels, order, compressed, dataFile, offset, g, spacing);
	}

	private static double[] ones(int n) {
		double[] a = new double[n];
		java.util.Arrays.fill(a, 1);
		return a;
	}

	private static double[] identity(int n) {
		double[] a = new double[n * n];
		for (int i = 0; i < n; i++) {
			a[i * n + i] = 1;
		}
		return a;
	}

	private static String require(Path file, Map<String, String> f, String key) throws BadInputException {
		String v = f.get(key);
		if (v == null) {
			throw BadInputException.of(file, "MetaImage header lacks '" + key + "'");
		}
		return v;
	}

	static DataType type(Path file, String t) throws BadInputException {
		return switch (t.toUpperCase(Locale.ROOT).replace("_ARRAY", "")) {
		case "MET_CHAR" -> DataType.INT8;
		case "MET_UCHAR" -> DataType.UINT8;
		case "MET_SHORT" -> DataType.INT16;
		case "MET_USHORT" -> DataType.UINT16;
		case "MET_INT", "MET_LONG" -> DataType.INT32;
		case "MET_UINT", "MET_ULONG" -> DataType.UINT32;
		case "MET_LONG_LONG" -> DataType.INT64;
		case "MET_ULONG_LONG" -> DataType.UINT64;
		case "MET_FLOAT" -> DataType.FLOAT32;
		case "MET_DOUBLE" -> DataType.FLOAT64;
		default -> throw BadInputException.of(file, "MetaImage ElementType '" + t + "' is not supported");
		};
	}

	@Override
	public ImageHeader parseHeader(Path file) throws BadInputException {
		Header h = header(file);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("byte_order", h.type().bytes() == 1 ? "n/a" : h.order() == ByteOrder.BIG_ENDIAN ? "big" : "little");
		details.put("compressed", h.compressed());
		details.put("data_file", h.dataFile().getFileName().toString());
		return new ImageHeader("MetaImage", h.dims(), h.channels(), h.type().label(), h.spacing(),
				PatientSpace.affine(h.geometry()), h.geometry(), details);
	}

	@Override
	public Volume read(Path file) throws BadInputException {
		Header h = header(file);
		if (!Files.isRegularFile(h.dataFile())) {
			throw BadInputException.of(file, "data file " + h.dataFile() + " is missing");
		}
		long count = h.channels();
		for (long d : h.dims()) {
			count *= d;
		}
		VoxelDecoder decoder = new VoxelDecoder(h.type(), h.order(), 1, 0);
		long offset = h.dataOffset();
		if (offset == -1 && !h.compressed()) { // HeaderSize -1: the data are the file's last bytes
			try {
				offset = Files.size(h.dataFile()) - count * h.type().bytes();
				if (offset < 0) {
					throw BadInputException.of(h.dataFile(), "truncated: needs " + count * h.type().bytes()
							+ " data bytes, file has " + Files.size(h.dataFile()));
				}
			} catch (IOException e) {
				throw BadInputException.of(h.dataFile(), "cannot be read: " + e.getMessage(), e);
			}
		}
		float[] v = h.compressed()
				? SampleReader.read(h.dataFile(), Math.max(0, offset), 0, count, SampleReader.Compression.ZLIB, decoder)
				: SampleReader.read(h.dataFile(), offset, count, SampleReader.Compression.NONE, decoder);
		long[] dims = h.dims();
		if (h.channels() > 1) {
			v = org.medad.io.raw.Interleaved.planar(v, h.channels());
			dims = java.util.Arrays.copyOf(dims, dims.length + 1);
			dims[dims.length - 1] = h.channels();
		}
		return new Volume(file.toString(), Images.wrap(v, dims), h.geometry(), h.channels(), "OT",
				Map.of("format", "MetaImage"));
	}

	@Override
	public boolean canWrite() {
		return true;
	}

	@Override
	public void write(Volume image, Path file) throws IOException {
		if (image.channels() > 1 || image.voxels().numDimensions() != image.geometry().dimensions()) {
			throw new IOException(file + ": the MetaImage writer stores single-channel 2D or 3D images");
		}
		Geometry g = image.geometry();
		int n = g.dimensions();
		double[][] axes = PatientSpace.lpsAxes(g);
		StringBuilder tm = new StringBuilder();
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				tm.append(tm.length() > 0 ? " " : "").append(axes[i][j] / g.spacing()[i]);
			}
		}
		float[] data = Images.toArray(image.voxels());
		ByteArrayOutputStream zipped = new ByteArrayOutputStream();
		try (DeflaterOutputStream z = new DeflaterOutputStream(zipped)) {
			FloatOutput.writeLittleEndian(data, z);
		}
		StringBuilder dims = new StringBuilder();
		for (int i = 0; i < n; i++) {
			dims.append(i > 0 ? " " : "").append(image.voxels().dimension(i));
		}
		String header = "ObjectType = Image\nNDims = " + n + "\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
				+ "CompressedData = True\nCompressedDataSize = " + zipped.size() + "\nTransformMatrix = " + tm
				+ "\nOffset = " + join(PatientSpace.lpsOrigin(g)) + "\nElementSpacing = " + join(g.spacing())
				+ "\nDimSize = " + dims + "\nElementType = MET_FLOAT\nElementDataFile = LOCAL\n";
		AtomicFiles.write(file, tmp -> {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				out.write(header.getBytes(StandardCharsets.US_ASCII));
				zipped.writeTo(out);
			}
		});
	}

	private static String join(double[] v) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < v.length; i++) {
			s.append(i > 0 ? " " : "").append(v[i]);
		}
		return s.toString();
	}
}

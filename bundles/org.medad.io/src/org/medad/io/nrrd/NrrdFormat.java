package org.medad.io.nrrd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.AtomicFiles;
import org.medad.io.raw.FloatOutput;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;
import org.medad.io.raw.PatientSpace;
import org.medad.io.raw.Interleaved;
import org.medad.io.raw.SampleReader;
import org.medad.io.raw.TextSamples;
import org.medad.io.raw.VoxelDecoder;
import org.osgi.service.component.annotations.Component;

/**
 * NRRD ({@code .nrrd} attached, {@code .nhdr} detached): raw, gzip and ascii encodings, every integer
 * type, float and double, both byte orders, space directions and origin (LPS converted to RAS), a leading
 * channel axis. Writes float32, gzip, attached, in LPS.
 */
@Component(service = ImageFormat.class)
public class NrrdFormat implements ImageFormat {

	@Override
	public String name() {
		return "NRRD";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		if (head.length == 0) {
			String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
			return n.endsWith(".nrrd") || n.endsWith(".nhdr");
		}
		return head.length >= 7 && new String(head, 0, 7, StandardCharsets.ISO_8859_1).equals("NRRD000");
	}

	@Override
	public ImageHeader parseHeader(Path file) throws BadInputException {
		NrrdHeader h = NrrdHeader.parse(file);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("encoding", h.encoding());
		details.put("byte_order", h.type().bytes() == 1 ? "n/a" : h.order() == ByteOrder.BIG_ENDIAN ? "big" : "little");
		details.put("space", h.space());
		details.put("data_file", h.dataFile().getFileName().toString());
		return new ImageHeader("NRRD", h.sizes(), h.channels(), h.type().label(), h.spacing(),
				PatientSpace.affine(h.geometry()), h.geometry(), details);
	}

	@Override
	public Volume read(Path file) throws BadInputException {
		NrrdHeader h = NrrdHeader.parse(file);
		if (h.lineSkip() != 0) {
			throw BadInputException.of(file, "'line skip' is not supported");
		}
		if (!Files.isRegularFile(h.dataFile())) {
			throw BadInputException.of(file, "data file " + h.dataFile() + " is missing");
		}
		long count = h.sampleCount();
		VoxelDecoder decoder = new VoxelDecoder(h.type(), h.order(), 1, 0);
		long skip = h.byteSkip();
		float[] v = switch (h.encoding()) {
		case "raw" -> {
			long offset = h.dataOffset() + skip;
			if (skip == -1) { // data are the last bytes of the file
				offset = size(h.dataFile()) - count * h.type().bytes();
				if (offset < 0) {
					throw BadInputException.of(h.dataFile(), "truncated: needs " + count * h.type().bytes()
							+ " data bytes, file has " + size(h.dataFile()));
				}
			}
			yield SampleReader.read(h.dataFile(), offset, count, SampleReader.Compression.NONE, decoder);
		}
		// byte skip counts in decompressed bytes
		case "gzip", "gz" -> SampleReader.readGzip(h.dataFile(), h.dataOffset(), Math.max(0, skip), count, decoder);
		case "ascii", "text", "txt" -> ascii(h, count);
		default -> throw BadInputException.of(file, "NRRD encoding '" + h.encoding() + "' is not supported (raw, gzip, "
				+ "ascii are)");
		};
		long[] dims = h.sizes();
		if (h.channels() > 1) {
			v = Interleaved.planar(v, h.channels());
			dims = java.util.Arrays.copyOf(dims, dims.length + 1);
			dims[dims.length - 1] = h.channels();
		}
		return new Volume(file.toString(), Images.wrap(v, dims), h.geometry(), h.channels(), "OT", Map.of("format", "NRRD"));
	}

	private static float[] ascii(NrrdHeader h, long count) throws BadInputException {
		try (InputStream raw = Files.newInputStream(h.dataFile())) {
			raw.skipNBytes(h.dataOffset());
			return TextSamples.read(raw, count, h.file());
		} catch (IOException e) {
			throw BadInputException.of(h.file(), "cannot be read: " + e.getMessage(), e);
		}
	}

	private static long size(Path f) throws BadInputException {
		try {
			return Files.size(f);
		} catch (IOException e) {
			throw BadInputException.of(f, "cannot be read: " + e.getMessage(), e);
		}
	}

	@Override
	public boolean canWrite() {
		return true;
	}

	@Override
	public void write(Volume image, Path file) throws IOException {
		if (image.channels() > 1 || image.voxels().numDimensions() != image.geometry().dimensions()) {
			throw new IOException(file + ": the NRRD writer stores single-channel 2D or 3D images");
		}
		var g = image.geometry();
		int n = g.dimensions();
		StringBuilder b = new StringBuilder("NRRD0004\n# written by MedAD\ntype: float\ndimension: " + n + "\n");
		// 3D in LPS like ITK; NRRD has no 2D patient space, so a 2D grid keeps its own frame
		double[][] axes = n == 3 ? PatientSpace.lpsAxes(g) : PatientSpace.rasAxes(g);
		double[] origin = n == 3 ? PatientSpace.lpsOrigin(g) : g.origin();
		b.append(n == 3 ? "space: left-posterior-superior" : "space dimension: 2").append('\n');
		b.append("sizes:");
		for (int i = 0; i < n; i++) {
			b.append(' ').append(image.voxels().dimension(i));
		}
		b.append("\nspace directions:");
		for (double[] axis : axes) {
			b.append(" (").append(join(axis)).append(')');
		}
		b.append("\nkinds:").append(" domain".repeat(n)).append("\nendian: little\nencoding: gzip\nspace origin: (")
				.append(join(origin)).append(")\n\n");
		float[] data = Images.toArray(image.voxels());
		AtomicFiles.write(file, tmp -> {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
				GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
				FloatOutput.writeLittleEndian(data, gz);
				gz.finish();
			}
		});
	}

	private static String join(double[] v) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < v.length; i++) {
			s.append(i > 0 ? "," : "").append(v[i]);
		}
		return s.toString();
	}

}

package org.medad.nn.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.medad.core.error.BadInputException;
import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;

/**
 * NumPy's {@code .npz} (a zip of {@code .npy} arrays, stored or deflated): the numeric arrays as float32 tensors by
 * name (little-endian float32/float64/int32/int64/uint8, C order). Arrays of strings or objects are skipped: they
 * carry names and notes, not values.
 */
public final class NumpyArchive {
	private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=])([a-zA-Z])(\\d+)'");
	private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
	private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

	private NumpyArchive() {
	}

	public static Map<String, Tensor> read(Path file) throws ModelException, BadInputException {
		Map<String, Tensor> out = new LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			for (ZipEntry e : java.util.Collections.list(zip.entries())) {
				if (!e.getName().endsWith(".npy")) {
					continue;
				}
				String name = e.getName().substring(0, e.getName().length() - 4);
				try (InputStream in = zip.getInputStream(e)) {
					Tensor t = array(in, file + " entry " + e.getName());
					if (t != null) {
						out.put(name, t);
					}
				}
			}
		} catch (java.util.zip.ZipException e) {
			throw new ModelException(file + ": not a NumPy .npz archive: " + e.getMessage());
		} catch (IOException e) {
			throw new BadInputException(file + ": cannot read: " + e.getMessage());
		}
		return out;
	}

	/** One {@code .npy} array; null for non-numeric arrays. */
	static Tensor array(InputStream in, String where) throws IOException, ModelException {
		byte[] magic = in.readNBytes(8);
		if (magic.length < 8 || magic[0] != (byte) 0x93 || magic[1] != 'N' || magic[2] != 'U' || magic[3] != 'M') {
			throw new ModelException(where + ": not a .npy array (bad magic)");
		}
		int major = magic[6];
		byte[] len = in.readNBytes(major == 1 ? 2 : 4);
		ByteBuffer lb = ByteBuffer.wrap(java.util.Arrays.copyOf(len, 4)).order(ByteOrder.LITTLE_ENDIAN);
		long headerLength = major == 1 ? lb.getShort() & 0xffff : lb.getInt() & 0xffffffffL;
		if (headerLength > 1 << 20) {
			throw new ModelException(where + ": .npy header of " + headerLength + " bytes");
		}
		String header = new String(in.readNBytes((int) headerLength), StandardCharsets.ISO_8859_1);
		Matcher d = DESCR.matcher(header);
		if (!d.find()) {
			return null; // structured or object arrays
		}
		char kind = d.group(2).charAt(0);
		int bytes = Integer.parseInt(d.group(3));
		if (kind != 'f' && kind != 'i' && kind != 'u' || d.group(1).equals(">")) {
			return null;
		}
		Matcher o = ORDER.matcher(header);
		if (o.find() && o.group(1).equals("True")) {
			throw new ModelException(where + ": Fortran-order arrays are not read");
		}
		Matcher s = SHAPE.matcher(header);
		if (!s.find()) {
			throw new ModelException(where + ": .npy header without a shape: " + header.strip());
		}
		long[] shape = java.util.Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
				.mapToLong(Long::parseLong).toArray();
		long n = 1;
		for (long dim : shape) {
			if (dim < 0 || (dim > 0 && n > MAX_VALUES / dim)) {
				throw new ModelException(where + ": shape " + s.group(1) + " is too large");
			}
			n *= dim;
		}
		byte[] raw = in.readNBytes((int) Math.min(n * bytes, Integer.MAX_VALUE - 8));
		if (raw.length != n * bytes) {
			throw new ModelException(where + ": " + raw.length + " data bytes, shape needs " + n * bytes);
		}
		ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
		float[] v = new float[(int) n];
		for (int i = 0; i < v.length; i++) {
			v[i] = switch (kind + Integer.toString(bytes)) {
				case "f4" -> b.getFloat();
				case "f8" -> (float) b.getDouble();
				case "i4" -> b.getInt();
				case "i8" -> b.getLong();
				case "u1", "i1" -> kind == 'u' ? b.get() & 0xff : b.get();
				case "u2" -> b.getShort() & 0xffff;
				case "i2" -> b.getShort();
				default -> throw new ModelException(where + ": dtype " + d.group(0) + " is not read");
			};
		}
		return new Tensor(shape, v);
	}
}

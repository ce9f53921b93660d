package org.medad.core.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.medad.core.error.ModelException;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The safetensors format (an 8-byte little-endian header length, a JSON header of dtype/shape/offsets,
 * then raw little-endian data), written without DJL so that light detectors need no native engine.
 * The writer writes float32; the reader also takes half, bfloat16 and double tensors and gives them as float32.
 */
public final class Safetensors {
	private static final long MAX_HEADER = 100L << 20;

	private Safetensors() {
	}

	public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
		Map<String, Tensor> sorted = new TreeMap<>(tensors);
		JsonObject header = new JsonObject();
		long offset = 0;
		for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
			JsonObject t = new JsonObject();
			t.addProperty("dtype", "F32");
			JsonArray shape = new JsonArray();
			for (long d : e.getValue().shape()) {
				shape.add(d);
			}
			t.add("shape", shape);
			long bytes = 4L * e.getValue().data().length;
			JsonArray offsets = new JsonArray();
			offsets.add(offset);
			offsets.add(offset + bytes);
			t.add("data_offsets", offsets);
			header.add(e.getKey(), t);
			offset += bytes;
		}
		byte[] json = new Gson().toJson(header).getBytes(StandardCharsets.UTF_8);
		int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
		ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
		head.putLong(padded).put(json);
		while (head.hasRemaining()) {
			head.put((byte) ' ');
		}
		head.flip();
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
				StandardOpenOption.WRITE)) {
			writeFully(ch, head);
			for (Tensor t : sorted.values()) {
				ByteBuffer buf = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
				buf.asFloatBuffer().put(t.data());
				writeFully(ch, buf);
			}
		}
	}

	/** Every tensor of the file on the heap (small models; large ones are read tensor by tensor from {@link #open}). */
	public static Map<String, Tensor> read(Path file) throws ModelException, IOException {
		try (TensorStore store = open(file)) {
			return store.all();
		}
	}

	/**
	 * Opens the file and checks its whole header (every dtype, shape and data range) before any value is read; the
	 * values are read on demand. Close the store to release the file.
	 */
	public static TensorStore open(Path file) throws ModelException, IOException {
		FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
		try {
			long size = ch.size();
			ByteBuffer lenBuf = readFully(ch, 0, 8, file);
			long headerLen = lenBuf.order(ByteOrder.LITTLE_ENDIAN).getLong();
			if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
				throw new ModelException(file + ": not a safetensors file (header length " + headerLen + ")");
			}
			String json = StandardCharsets.UTF_8.decode(readFully(ch, 8, (int) headerLen, file)).toString();
			JsonObject header;
			try {
				header = JsonParser.parseString(json).getAsJsonObject();
			} catch (JsonParseException | IllegalStateException e) {
				throw new ModelException(file + ": corrupt safetensors header: " + e.getMessage(), e);
			}
			long dataStart = 8 + headerLen;
			Map<String, Entry> entries = new LinkedHashMap<>();
			for (Map.Entry<String, JsonElement> e : header.entrySet()) {
				if (e.getKey().equals("__metadata__")) {
					continue;
				}
				if (!e.getValue().isJsonObject()) {
					throw new ModelException(file + ": tensor '" + e.getKey() + "' is not described by an object in the"
							+ " header (damaged file)");
				}
				entries.put(e.getKey(), entry(file, e.getKey(), e.getValue().getAsJsonObject(), dataStart, size));
			}
			return new Opened(file, ch, entries);
		} catch (ModelException | IOException | RuntimeException e) {
			ch.close();
			throw e;
		}
	}

	/** Where a tensor's values lie in the file and how they are stored. */
	private record Entry(String dtype, int width, long[] shape, int count, long position) {
	}

	private static Entry entry(Path file, String name, JsonObject t, long dataStart, long size) throws ModelException {
		String dtype = text(t, "dtype", file, name);
		int width = switch (dtype) {
			case "F32" -> 4;
			case "F16", "BF16" -> 2;
			case "F64" -> 8;
			default -> throw new ModelException(file + ": tensor '" + name + "' has dtype " + dtype
					+ "; floating-point tensors (F32, F16, BF16, F64) are supported");
		};
		long[] shape = longs(t, "shape", -1, file, name);
		long count = 1;
		for (long d : shape) {
			if (d < 0) {
				throw new ModelException(file + ": tensor '" + name + "' has a negative size in its shape "
						+ java.util.Arrays.toString(shape));
			}
			if (d > 0 && count > (Integer.MAX_VALUE / 8) / d) {
				throw new ModelException(file + ": tensor '" + name + "' of shape " + java.util.Arrays.toString(shape)
						+ " has more values than one array holds (2^31)");
			}
			count *= d;
		}
		long[] off = longs(t, "data_offsets", 2, file, name);
		long begin = off[0];
		long end = off[1];
		if (begin < 0 || end < begin || end - begin != width * count || end > size - dataStart) {
			throw new ModelException(file + ": tensor '" + name + "' data at [" + begin + ", " + end
					+ ") does not match its shape or lies past the end of the file");
		}
		return new Entry(dtype, width, shape, (int) count, dataStart + begin);
	}

	/** An open safetensors file: the header held, values read from the channel when asked for. */
	private static final class Opened implements TensorStore {
		private final Path file;
		private final FileChannel ch;
		private final Map<String, Entry> entries;
		private final Map<String, long[]> shapes;

		Opened(Path file, FileChannel ch, Map<String, Entry> entries) {
			this.file = file;
			this.ch = ch;
			this.entries = entries;
			Map<String, long[]> s = new LinkedHashMap<>();
			entries.forEach((k, v) -> s.put(k, v.shape()));
			this.shapes = java.util.Collections.unmodifiableMap(s);
		}

		@Override
		public Map<String, long[]> shapes() {
			return shapes;
		}

		@Override
		public void read(String name, ByteBuffer into) throws ModelException {
			Entry e = entries.get(name);
			if (e == null) {
				throw new ModelException(file + ": no tensor '" + name + "'");
			}
			if (into.remaining() < 4L * e.count()) {
				throw new IllegalArgumentException(name + ": " + into.remaining() + " bytes left for " + e.count()
						+ " values");
			}
			try {
				if (e.dtype().equals("F32")) {
					// the file's bytes are already little-endian float32
					ByteBuffer dst = into.slice(into.position(), 4 * e.count());
					readAt(ch, e.position(), dst, file);
					into.position(into.position() + 4 * e.count());
					return;
				}
				// half and double tensors (Hugging Face, timm exports) become float32, the precision the models run in
				ByteBuffer raw = ByteBuffer.allocate(e.width() * e.count()).order(ByteOrder.LITTLE_ENDIAN);
				readAt(ch, e.position(), raw, file);
				raw.flip();
				ByteBuffer out = into.slice(into.position(), 4 * e.count()).order(ByteOrder.LITTLE_ENDIAN);
				for (int i = 0; i < e.count(); i++) {
					out.putFloat(switch (e.dtype()) {
						case "F16" -> Float.float16ToFloat(raw.getShort());
						case "BF16" -> Float.intBitsToFloat((raw.getShort() & 0xffff) << 16);
						default -> (float) raw.getDouble();
					});
				}
				into.position(into.position() + 4 * e.count());
			} catch (IOException x) {
				throw new ModelException(file + ": unreadable at tensor '" + name + "': " + x.getMessage(), x);
			}
		}

		@Override
		public void close() {
			try {
				ch.close();
			} catch (IOException ignored) {
				// read-only channel: nothing was written that closing could lose
			}
		}
	}

	private static String text(JsonObject t, String key, Path file, String name) throws ModelException {
		JsonElement v = t.get(key);
		if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
			throw new ModelException(file + ": tensor '" + name + "' lacks its '" + key + "' (damaged header)");
		}
		return v.getAsString();
	}

	/** A list of whole numbers (shape, data_offsets) of a tensor's header entry, checked element by element. */
	private static long[] longs(JsonObject t, String key, int expected, Path file, String name) throws ModelException {
		JsonElement v = t.get(key);
		if (v == null || !v.isJsonArray() || (expected >= 0 && v.getAsJsonArray().size() != expected)) {
			throw new ModelException(file + ": tensor '" + name + "' lacks a valid '" + key + "' list (damaged header)");
		}
		JsonArray a = v.getAsJsonArray();
		long[] out = new long[a.size()];
		for (int i = 0; i < out.length; i++) {
			JsonElement x = a.get(i);
			if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()
					|| x.getAsDouble() != Math.rint(x.getAsDouble()) || Math.abs(x.getAsDouble()) > 9.0e18) {
				throw new ModelException(file + ": tensor '" + name + "' has '" + key + "' " + a + ", not whole numbers");
			}
			out[i] = x.getAsLong();
		}
		return out;
	}

	private static ByteBuffer readFully(FileChannel ch, long pos, int len, Path file) throws IOException, ModelException {
		ByteBuffer buf = ByteBuffer.allocate(len);
		readAt(ch, pos, buf, file);
		return buf.flip();
	}

	/** Fills {@code buf} from byte {@code pos} of the file on. */
	private static void readAt(FileChannel ch, long pos, ByteBuffer buf, Path file) throws IOException, ModelException {
		long at = pos;
		while (buf.hasRemaining()) {
			int n = ch.read(buf, at);
			if (n < 0) {
				throw new ModelException(file + ": truncated at byte " + at);
			}
			at += n;
		}
	}

	private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
		while (buf.hasRemaining()) {
			ch.write(buf);
		}
	}
}

package org.medad.core.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * This reader and writer handle float32 tensors; the nn bundle reads the other dtypes.
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

	public static Map<String, Tensor> read(Path file) throws ModelException, IOException {
		try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
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
			Map<String, Tensor> out = new LinkedHashMap<>();
			for (Map.Entry<String, JsonElement> e : header.entrySet()) {
				if (e.getKey().equals("__metadata__")) {
					continue;
				}
				if (!e.getValue().isJsonObject()) {
					throw new ModelException(file + ": tensor '" + e.getKey() + "' is not described by an object in the"
							+ " header (damaged file)");
				}
				out.put(e.getKey(), readTensor(ch, file, e.getKey(), e.getValue().getAsJsonObject(), dataStart, size));
			}
			return out;
		}
	}

	private static Tensor readTensor(java.nio.channels.SeekableByteChannel ch, Path file, String name, JsonObject t, long dataStart, long size)
			throws ModelException, IOException {
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
		ByteBuffer raw = readFully(ch, dataStart + begin, (int) (end - begin), file).order(ByteOrder.LITTLE_ENDIAN);
		float[] data = new float[(int) count];
		// half and double tensors (Hugging Face, timm exports) become float32, the precision the models run in
		switch (dtype) {
			case "F32" -> raw.asFloatBuffer().get(data);
			case "F16" -> {
				for (int i = 0; i < data.length; i++) {
					data[i] = Float.float16ToFloat(raw.getShort());
				}
			}
			case "BF16" -> {
				for (int i = 0; i < data.length; i++) {
					data[i] = Float.intBitsToFloat((raw.getShort() & 0xffff) << 16);
				}
			}
			default -> {
				for (int i = 0; i < data.length; i++) {
					data[i] = (float) raw.getDouble();
				}
			}
		}
		return new Tensor(shape, data);
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

	private static ByteBuffer readFully(java.nio.channels.SeekableByteChannel ch, long pos, int len, Path file)
			throws IOException, ModelException {
		ByteBuffer buf = ByteBuffer.allocate(len);
		ch.position(pos);
		while (buf.hasRemaining()) {
			int n = ch.read(buf);
			if (n < 0) {
				throw new ModelException(file + ": truncated at byte " + (pos + buf.position()));
			}
		}
		return buf.flip();
	}

	private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
		while (buf.hasRemaining()) {
			ch.write(buf);
		}
	}
}

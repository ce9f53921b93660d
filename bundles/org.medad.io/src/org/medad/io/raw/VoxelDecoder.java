package org.medad.io.raw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts stored samples to real-world float values: {@code value = stored * slope + intercept}
 * (computed in double, then narrowed), for any {@link DataType} and byte order. Works chunk by chunk so
 * that readers convert while they inflate or read and hold no more than the output and one buffer.
 */
public final class VoxelDecoder {
	private final DataType type;
	private final ByteOrder order;
	private final double slope;
	private final double intercept;
	private final boolean scaled;

	public VoxelDecoder(DataType type, ByteOrder order, double slope, double intercept) {
		this.type = type;
		this.order = order;
		this.slope = slope;
		this.intercept = intercept;
		this.scaled = slope != 1 || intercept != 0;
	}

	public DataType type() {
		return type;
	}

	/**
	 * Decodes the whole samples in {@code in} (position to limit) into {@code out} from index {@code at},
	 * advancing {@code in}; returns the number of samples written. A trailing partial sample stays in {@code in}.
	 */
	public int decode(ByteBuffer in, float[] out, int at) {
		in.order(order);
		int size = type.bytes();
		int n = Math.min(in.remaining() / size, out.length - at);
		int start = in.position();
		if (scaled) {
			for (int i = 0; i < n; i++) {
				out[at + i] = (float) (raw(in, start + i * size) * slope + intercept);
			}
		} else {
			unscaled(in, out, at, n);
		}
		in.position(start + n * size);
		return n;
	}

	/** Per-thread scratch for bulk 16-bit reads, reused across decoders so slices allocate nothing extra. */
	private static final ThreadLocal<short[]> SHORTS = ThreadLocal.withInitial(() -> new short[0]);

	/** Bulk copies into a primitive scratch array, then a plain loop the JIT vectorises. */
	private void unscaled(ByteBuffer in, float[] out, int at, int n) {
		int p = in.position();
		switch (type) {
		case INT8 -> {
			for (int i = 0; i < n; i++) {
				out[at + i] = in.get(p + i);
			}
		}
		case UINT8 -> {
			for (int i = 0; i < n; i++) {
				out[at + i] = in.get(p + i) & 0xff;
			}
		}
		case INT16, UINT16 -> {
			short[] s = SHORTS.get();
			if (s.length < n) {
				s = new short[n];
				SHORTS.set(s);
			}
			in.asShortBuffer().get(s, 0, n);
			if (type == DataType.INT16) {
				for (int i = 0; i < n; i++) {
					out[at + i] = s[i];
				}
			} else {
				for (int i = 0; i < n; i++) {
					out[at + i] = s[i] & 0xffff;
				}
			}
		}
		case FLOAT32 -> in.asFloatBuffer().get(out, at, n);
		default -> {
			for (int i = 0; i < n; i++) {
				out[at + i] = (float) raw(in, p + i * type.bytes());
			}
		}
		}
	}

	/** One stored sample at an absolute byte position, as a double. */
	private double raw(ByteBuffer b, int pos) {
		return switch (type) {
		case INT8 -> b.get(pos);
		case UINT8 -> b.get(pos) & 0xff;
		case INT16 -> b.getShort(pos);
		case UINT16 -> b.getShort(pos) & 0xffff;
		case INT32 -> b.getInt(pos);
		case UINT32 -> b.getInt(pos) & 0xffffffffL;
		case INT64 -> b.getLong(pos);
		case UINT64 -> unsigned(b.getLong(pos));
		case FLOAT32 -> b.getFloat(pos);
		case FLOAT64 -> b.getDouble(pos);
		};
	}

	private static double unsigned(long v) {
		return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
	}
}

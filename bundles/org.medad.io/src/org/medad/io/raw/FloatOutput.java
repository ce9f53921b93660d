package org.medad.io.raw;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Float32 samples written little-endian in 1 MiB chunks: the data part of every float writer. */
public final class FloatOutput {
	private FloatOutput() {
	}

	public static void writeLittleEndian(float[] data, OutputStream out) throws IOException {
		ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < data.length;) {
			int n = Math.min(data.length - i, chunk.capacity() / 4);
			chunk.clear();
			chunk.asFloatBuffer().put(data, i, n);
			out.write(chunk.array(), 0, 4 * n);
			i += n;
		}
	}
}

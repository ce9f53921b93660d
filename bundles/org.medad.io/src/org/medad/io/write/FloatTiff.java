package org.medad.io.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.medad.core.model.AtomicFiles;

/**
 * A 2D float32 map as a baseline little-endian TIFF (one strip, SampleFormat = IEEE float), so that
 * the raw anomaly values stay exact for other tools (Fiji, Python tifffile) next to the PNG picture.
 */
public final class FloatTiff {
	private static final int ENTRIES = 10;

	private FloatTiff() {
	}

	public static void write(float[] data, int w, int h, Path file) throws IOException {
		if (data.length != w * h) {
			throw new IllegalArgumentException(data.length + " values for a " + w + "x" + h + " image");
		}
		int ifdOffset = 8;
		int ifdSize = 2 + ENTRIES * 12 + 4;
		int dataOffset = ifdOffset + ifdSize;
		ByteBuffer b = ByteBuffer.allocate(dataOffset + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
		b.putShort((short) ENTRIES);
		entry(b, 256, 4, w); // ImageWidth
		entry(b, 257, 4, h); // ImageLength
		entry(b, 258, 3, 32); // BitsPerSample
		entry(b, 259, 3, 1); // Compression: none
		entry(b, 262, 3, 1); // Photometric: black is zero
		entry(b, 273, 4, dataOffset); // StripOffsets
		entry(b, 277, 3, 1); // SamplesPerPixel
		entry(b, 278, 4, h); // RowsPerStrip
		entry(b, 279, 4, 4 * data.length); // StripByteCounts
		entry(b, 339, 3, 3); // SampleFormat: IEEE floating point
		b.putInt(0); // no next IFD
		b.asFloatBuffer().put(data);
		AtomicFiles.write(file, tmp -> {
			try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
				ByteBuffer all = b.duplicate().position(0);
				while (all.hasRemaining()) {
					ch.write(all);
				}
			}
		});
	}

	private static void entry(ByteBuffer b, int tag, int type, int value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3) {
			b.putShort((short) value).putShort((short) 0);
		} else {
			b.putInt(value);
		}
	}
}

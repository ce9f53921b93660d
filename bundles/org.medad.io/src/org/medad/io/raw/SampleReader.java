package org.medad.io.raw;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.medad.core.error.BadInputException;

/**
 * Reads a run of stored samples into a float array through a {@link VoxelDecoder}: from a plain file at
 * an offset (one positioned read per 4 MiB buffer, no copy of the whole file), or from a gzip or zlib
 * stream (inflated chunk by chunk straight into the voxel array). A short file is an error naming the
 * file, the expected and the available byte counts, never a silent partial volume.
 */
public final class SampleReader {
	private static final int CHUNK = 4 << 20;

	public enum Compression {
		NONE, GZIP, ZLIB
	}

	private SampleReader() {
	}

	/**
	 * Samples of a whole-file gzip stream, through libdeflate when the system has it and the file's size
	 * trailer promises the bytes needed, else through the JDK's zlib.
	 */
	public static float[] readGzip(Path file, long offset, long count, VoxelDecoder decoder)
			throws BadInputException {
		return readGzip(file, 0, offset, count, decoder);
	}

	/** The same for a gzip stream starting {@code fileOffset} bytes into the file (after a text header). */
	public static float[] readGzip(Path file, long fileOffset, long offset, long count, VoxelDecoder decoder)
			throws BadInputException {
		checkCounts(file, fileOffset, offset, count);
		Libdeflate fast = Libdeflate.instance();
		if (fast != null && count <= Integer.MAX_VALUE - 8) {
			try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
				long length = ch.size() - fileOffset;
				if (length >= 18 && length < Integer.MAX_VALUE) {
					ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, fileOffset, length);
					long need = offset + count * decoder.type().bytes();
					long isize = mapped.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt((int) length - 4) & 0xFFFFFFFFL;
					// deflate expands at most 1032:1, so a size trailer beyond that is a lie, not a reason to allocate
					if (isize >= need && isize < Integer.MAX_VALUE - 8 && isize / Inflation.MAX_RATIO <= length) {
						ByteBuffer raw = fast.gunzip(mapped, isize);
						if (raw != null) {
							float[] out = new float[(int) count];
							raw.position((int) offset).limit((int) need);
							decoder.decode(raw, out, 0);
							return out;
						}
					}
				}
			} catch (IOException e) {
				throw BadInputException.of(file, "cannot be read: " + e.getMessage(), e);
			}
		}
		return read(file, fileOffset, offset, count, Compression.GZIP, decoder);
	}

	/** Samples at {@code offset} bytes into the file, or into its decompressed content. */
	public static float[] read(Path file, long offset, long count, Compression compression, VoxelDecoder decoder)
			throws BadInputException {
		return compression == Compression.NONE ? read(file, offset, 0, count, compression, decoder)
				: read(file, 0, offset, count, compression, decoder);
	}

	/**
	 * Samples of a compressed stream that starts {@code fileOffset} bytes into the file (data attached
	 * after a text header), {@code dataOffset} bytes into the decompressed content.
	 */
	public static float[] read(Path file, long fileOffset, long dataOffset, long count, Compression compression,
			VoxelDecoder decoder) throws BadInputException {
		checkCounts(file, fileOffset, dataOffset, count);
		long bytes = count * decoder.type().bytes();
		try {
			if (compression == Compression.NONE) {
				long size = java.nio.file.Files.size(file);
				if (size - fileOffset - dataOffset < bytes) { // checked before anything is allocated
					throw new EOFException("needs " + bytes + " data bytes from offset " + (fileOffset + dataOffset)
							+ ", file has " + Math.max(0, size - fileOffset - dataOffset));
				}
				float[] out = new float[(int) count];
				readPlain(file, fileOffset + dataOffset, bytes, out, decoder);
				return out;
			}
			long compressed = java.nio.file.Files.size(file) - fileOffset;
			if (bytes / Inflation.MAX_RATIO > compressed + 1024) {
				throw new EOFException("needs " + bytes + " data bytes, more than " + Math.max(0, compressed)
						+ " compressed bytes can hold");
			}
			try (InputStream raw = java.nio.file.Files.newInputStream(file)) {
				skipFully(raw, fileOffset, file);
				InputStream in = compression == Compression.GZIP ? new GZIPInputStream(raw, 1 << 16)
						: new InflaterInputStream(raw, new java.util.zip.Inflater(), 1 << 16);
				skipFully(in, dataOffset, file);
				return readStream(in, bytes, count, decoder);
			}
		} catch (EOFException e) {
			throw BadInputException.of(file, "truncated" + reason(e), e);
		} catch (java.util.zip.ZipException e) {
			throw BadInputException.of(file, "corrupt compressed data" + reason(e), e);
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot be read" + reason(e), e);
		}
	}

	private static void checkCounts(Path file, long fileOffset, long dataOffset, long count)
			throws BadInputException {
		if (count < 0) {
			throw BadInputException.of(file, "the header gives a negative number of samples (" + count + ")");
		}
		if (fileOffset < 0 || dataOffset < 0) {
			throw BadInputException.of(file, "the header gives a negative data offset (" + (fileOffset < 0 ? fileOffset
					: dataOffset) + ")");
		}
		if (count > Integer.MAX_VALUE - 8) {
			throw BadInputException.of(file, count + " samples are more than one array holds (2^31)");
		}
	}

	/** ": message" of an I/O failure, or nothing when the JDK gave none. */
	static String reason(Exception e) {
		return e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
	}

	/**
	 * Plain files are memory-mapped and converted straight into the voxel array, in as many parallel
	 * ranges as there are cores for large reads (conversion and page faults of the new array dominate).
	 */
	private static void readPlain(Path file, long offset, long bytes, float[] out, VoxelDecoder decoder)
			throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			if (ch.size() < offset + bytes) {
				throw new EOFException("needs " + bytes + " data bytes from offset " + offset + ", file has "
						+ Math.max(0, ch.size() - offset));
			}
			int size = decoder.type().bytes();
			long samples = bytes / size;
			int parts = bytes < (16 << 20) ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), 8);
			long per = (samples + parts - 1) / parts;
			java.util.List<java.util.concurrent.Callable<Void>> tasks = new java.util.ArrayList<>();
			for (int k = 0; k < parts; k++) {
				long first = k * per;
				long count = Math.min(per, samples - first);
				if (count > 0) {
					tasks.add(() -> {
						convert(ch, offset + first * size, count * size, out, (int) first, decoder);
						return null;
					});
				}
			}
			if (tasks.size() == 1) {
				tasks.get(0).call();
				return;
			}
			try (var pool = java.util.concurrent.Executors.newFixedThreadPool(tasks.size())) {
				for (var f : pool.invokeAll(tasks)) {
					f.get();
				}
			}
		} catch (IOException e) {
			throw e;
		} catch (java.util.concurrent.ExecutionException e) {
			throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
		} catch (Exception e) {
			throw new IOException(e);
		}
	}

	private static void convert(FileChannel ch, long offset, long bytes, float[] out, int at, VoxelDecoder decoder)
			throws IOException {
		for (long pos = 0; pos < bytes;) {
			long len = Math.min(bytes - pos, 1L << 30); // mappings are limited to 2 GiB each
			ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, offset + pos, len);
			while (map.hasRemaining()) {
				int n = decoder.decode(map.limit(Math.min(map.capacity(), map.position() + CHUNK)), out, at);
				at += n;
				map.limit(map.capacity());
				if (n == 0) {
					break;
				}
			}
			pos += len;
		}
	}

	/**
	 * Inflates chunk by chunk straight into the voxel array (no whole-file buffer). The array grows with the data
	 * that actually arrives, so a header promising more than the stream holds costs no more than the stream.
	 */
	private static float[] readStream(InputStream in, long bytes, long count, VoxelDecoder decoder)
			throws IOException {
		byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(bytes, 16))];
		ByteBuffer buf = ByteBuffer.wrap(chunk);
		float[] out = new float[(int) Math.min(count, 1 << 20)];
		int size = decoder.type().bytes();
		long left = bytes;
		int at = 0;
		while (left > 0) {
			int want = (int) Math.min(buf.remaining(), left);
			int n = in.readNBytes(chunk, buf.position(), want);
			if (n == 0) {
				throw new EOFException("data end after " + (bytes - left) + " of " + bytes + " bytes");
			}
			buf.position(buf.position() + n);
			left -= n;
			buf.flip();
			long needed = at + buf.remaining() / size;
			if (needed > out.length) {
				out = java.util.Arrays.copyOf(out, (int) Math.min(count, Math.max(needed, 2L * out.length)));
			}
			at += decoder.decode(buf, out, at);
			buf.compact();
		}
		return out.length == count ? out : java.util.Arrays.copyOf(out, (int) count);
	}

	static void skipFully(InputStream in, long n, Path file) throws IOException {
		long left = n;
		while (left > 0) {
			long s = in.skip(left);
			if (s <= 0) {
				if (in.read() < 0) {
					throw new EOFException("ended before the data offset " + n);
				}
				s = 1;
			}
			left -= s;
		}
	}
}

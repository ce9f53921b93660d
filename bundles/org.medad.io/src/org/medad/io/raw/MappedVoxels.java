package org.medad.io.raw;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.nio.ByteBufferAccess;
import net.imglib2.img.basictypeaccess.nio.DoubleBufferAccess;
import net.imglib2.img.basictypeaccess.nio.FloatBufferAccess;
import net.imglib2.img.basictypeaccess.nio.IntBufferAccess;
import net.imglib2.img.basictypeaccess.nio.LongBufferAccess;
import net.imglib2.img.basictypeaccess.nio.ShortBufferAccess;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.medad.core.error.BadInputException;

/**
 * Voxels of an uncompressed file as an ImgLib2 image over a read-only memory map, converted to real-world
 * float values lazily when they are visited (as nibabel's memory-mapped data objects): opening costs no
 * copy; a caller that needs an array pays one conversion then. The map outlives the file handle and, with
 * atomic writes replacing files by rename, keeps reading the original content.
 */
public final class MappedVoxels {
	private MappedVoxels() {
	}

	/** Null when the type has no buffer-backed ImgLib2 access (e.g. unsigned 64-bit). */
	public static RandomAccessibleInterval<FloatType> open(Path file, long offset, long[] dims, DataType type,
			ByteOrder order, double slope, double intercept) throws BadInputException {
		long count = 1;
		for (long d : dims) {
			count *= d;
		}
		long bytes = count * type.bytes();
		ByteBuffer map;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			if (offset < 0 || count < 0 || offset > ch.size() || bytes > ch.size() - offset) {
				throw BadInputException.of(file, "truncated: needs " + bytes + " data bytes from offset " + offset
						+ ", file has " + Math.max(0, ch.size() - offset));
			}
			if (bytes > Integer.MAX_VALUE - 8) {
				return null;
			}
			map = ch.map(FileChannel.MapMode.READ_ONLY, offset, bytes).order(order);
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot be read: " + e.getMessage(), e);
		}
		RandomAccessibleInterval<? extends RealType<?>> raw = switch (type) {
		case INT8 -> ArrayImgs.bytes(new ByteBufferAccess(map, true), dims);
		case UINT8 -> ArrayImgs.unsignedBytes(new ByteBufferAccess(map, true), dims);
		case INT16 -> ArrayImgs.shorts(new ShortBufferAccess(map), dims);
		case UINT16 -> ArrayImgs.unsignedShorts(new ShortBufferAccess(map), dims);
		case INT32 -> ArrayImgs.ints(new IntBufferAccess(map), dims);
		case UINT32 -> ArrayImgs.unsignedInts(new IntBufferAccess(map), dims);
		case INT64 -> ArrayImgs.longs(new LongBufferAccess(map), dims);
		case FLOAT32 -> ArrayImgs.floats(new FloatBufferAccess(map), dims);
		case FLOAT64 -> ArrayImgs.doubles(new DoubleBufferAccess(map), dims);
		case UINT64 -> null;
		};
		if (raw == null) {
			return null;
		}
		return convert(raw, slope, intercept);
	}

	private static <T extends RealType<T>> RandomAccessibleInterval<FloatType> convert(
			RandomAccessibleInterval<? extends RealType<?>> raw, double slope, double intercept) {
		@SuppressWarnings("unchecked")
		RandomAccessibleInterval<T> typed = (RandomAccessibleInterval<T>) raw;
		if (slope == 1 && intercept == 0) {
			return Converters.convert(typed, (in, out) -> out.setReal(in.getRealDouble()), new FloatType());
		}
		return Converters.convert(typed, (in, out) -> out.setReal(in.getRealDouble() * slope + intercept),
				new FloatType());
	}
}

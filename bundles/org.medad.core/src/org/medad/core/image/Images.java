package org.medad.core.image;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/** Conversions between ImgLib2 images and flat float arrays (x fastest), the form numeric code works on. */
public final class Images {
	private Images() {
	}

	/** The voxels as a new array in flat iteration order (x fastest). */
	public static float[] toArray(RandomAccessibleInterval<FloatType> image) {
		long n = Intervals.numElements(image);
		if (n > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("image of " + n + " voxels is too large for one array");
		}
		float[] out = new float[(int) n];
		Cursor<FloatType> c = Views.flatIterable(image).cursor();
		for (int i = 0; c.hasNext(); i++) {
			out[i] = c.next().get();
		}
		return out;
	}

	/** Wraps (does not copy) an array as an image of the given dimensions. */
	public static ArrayImg<FloatType, FloatArray> wrap(float[] data, long... dims) {
		if (Intervals.numElements(dims) != data.length) {
			throw new IllegalArgumentException(data.length + " values do not fill " + java.util.Arrays.toString(dims));
		}
		return ArrayImgs.floats(data, dims);
	}

	public static Img<FloatType> copy(RandomAccessibleInterval<FloatType> image) {
		return wrap(toArray(image), Intervals.dimensionsAsLongArray(image));
	}
}

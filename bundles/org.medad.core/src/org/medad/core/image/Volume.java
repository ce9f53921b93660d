package org.medad.core.image;

import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An image in real-world values (after rescale slope/intercept) with its geometry, x fastest. The first
 * {@code geometry.dimensions()} axes are spatial (2D slice or 3D volume); a time axis may follow (4D
 * NIfTI), and when {@code channels > 1} the last axis holds the colour samples. {@code source} names the
 * file it came from, for messages and outputs.
 */
public record Volume(String source, RandomAccessibleInterval<FloatType> voxels, Geometry geometry, int channels,
		String modality, Map<String, String> metadata) {

	public Volume {
		int spatial = geometry.dimensions();
		int extra = voxels.numDimensions() - spatial - (channels > 1 ? 1 : 0);
		if (extra < 0 || extra > 1 || channels < 1) {
			throw new IllegalArgumentException(source + ": " + voxels.numDimensions() + "-D voxels do not fit a "
					+ spatial + "-D geometry with " + channels + " channel(s)");
		}
		if (channels > 1 && voxels.dimension(voxels.numDimensions() - 1) != channels) {
			throw new IllegalArgumentException(source + ": last axis has " + voxels.dimension(voxels.numDimensions() - 1)
					+ " samples, expected " + channels + " channels");
		}
		metadata = Map.copyOf(metadata);
	}

	/** A single-channel image of the given geometry. */
	public Volume(String source, RandomAccessibleInterval<FloatType> voxels, Geometry geometry, String modality,
			Map<String, String> metadata) {
		this(source, voxels, geometry, 1, modality, metadata);
	}

	/** A 2D picture without physical geometry (PNG slices of BMAD). */
	public static Volume ofPixels(String source, RandomAccessibleInterval<FloatType> pixels) {
		return new Volume(source, pixels, Geometry.pixels(pixels.numDimensions()), "OT", Map.of());
	}

	public int width() {
		return (int) voxels.dimension(0);
	}

	public int height() {
		return (int) voxels.dimension(1);
	}

	/**
	 * The image as one grey channel: luma (ITU-R 601, as PIL's {@code convert("L")}) of RGB(A), the
	 * image itself when it has one channel. Detectors work on grey slices.
	 */
	public Volume grey() {
		if (channels == 1) {
			return this;
		}
		float[] all = Images.toArray(voxels);
		int n = all.length / channels;
		float[] out = new float[n];
		for (int i = 0; i < n; i++) {
			out[i] = 0.299f * all[i] + 0.587f * all[n + i] + 0.114f * all[2 * n + i];
		}
		long[] dims = new long[voxels.numDimensions() - 1];
		for (int d = 0; d < dims.length; d++) {
			dims[d] = voxels.dimension(d);
		}
		return new Volume(source, Images.wrap(out, dims), geometry, 1, modality, metadata);
	}

	/** Number of time points (1 unless the image has a time axis). */
	public int timePoints() {
		int t = voxels.numDimensions() - geometry.dimensions() - (channels > 1 ? 1 : 0);
		return t == 1 ? (int) voxels.dimension(geometry.dimensions()) : 1;
	}
}

package org.medad.core.image;

import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An image in real-world values (after rescale slope/intercept) with its geometry: a 2D slice or a
 * 3D volume, x fastest. {@code source} names the file it came from, for messages and outputs.
 */
public record Volume(String source, RandomAccessibleInterval<FloatType> voxels, Geometry geometry, String modality,
		Map<String, String> metadata) {

	public Volume {
		if (voxels.numDimensions() != geometry.dimensions()) {
			throw new IllegalArgumentException(source + ": " + voxels.numDimensions() + "-D voxels with "
					+ geometry.dimensions() + "-D geometry");
		}
		metadata = Map.copyOf(metadata);
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
}

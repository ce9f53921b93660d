package org.medad.io.format;

import java.util.Map;

import org.medad.core.image.Geometry;

/**
 * What a file says about its image before any voxel is read. {@code dims} are x fastest, without the
 * colour axis ({@code channels} counts samples per voxel); {@code datatype} is as stored (e.g.
 * {@code uint8}, {@code int16}, {@code float32}); {@code spacing} is as the file states it per axis,
 * null when it has none; {@code affine} is the 4x4 voxel-to-RAS matrix (row-major) of 3D data, null for
 * 2D pictures; {@code geometry} is the spatial geometry derived from it; {@code details} holds
 * format-specific facts (byte order, codes, scaling) for {@code medad inspect}.
 */
public record ImageHeader(String format, long[] dims, int channels, String datatype, double[] spacing,
		double[] affine, Geometry geometry, Map<String, Object> details) {

	public ImageHeader {
		details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details)); // values may be null
	}

	/** A 2D picture with no physical geometry (PNG, JPEG, BMP). */
	public static ImageHeader picture(String format, long width, long height, int channels, String datatype) {
		return new ImageHeader(format, new long[] { width, height }, channels, datatype, null, null,
				Geometry.pixels(2), Map.of());
	}

	public long voxelCount() {
		long n = channels;
		for (long d : dims) {
			n *= d;
		}
		return n;
	}
}

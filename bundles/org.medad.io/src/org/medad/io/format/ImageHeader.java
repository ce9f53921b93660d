package org.medad.io.format;

import org.medad.core.image.Geometry;

/**
 * What a file says about its image before any voxel is read: sizes (x fastest), samples per voxel,
 * the stored data type (e.g. {@code uint8}, {@code int16}, {@code float32}) and the geometry.
 */
public record ImageHeader(String format, long[] dims, int channels, String datatype, Geometry geometry) {
}

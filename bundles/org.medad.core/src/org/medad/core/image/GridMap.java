package org.medad.core.image;

/**
 * How the pixel indices of one 2D grid land on another's when both lie in the same space: index on the source grid =
 * {@code offset + scale * index on the target grid}, per axis, pixel centres at whole indices. Derived from the two
 * geometries, so a step that crops, pads or scales an image only has to state the geometry of what it makes; maps
 * scored on the processed image then go back onto the image as read, and masks onto the processed image, with no
 * step-specific code.
 */
public record GridMap(double offsetX, double offsetY, double scaleX, double scaleY) {

	/** The mapping from {@code target}'s indices to {@code source}'s; the two must share their axis directions. */
	public static GridMap between(Geometry source, Geometry target) {
		if (source.dimensions() != 2 || target.dimensions() != 2) {
			throw new IllegalArgumentException("grid mapping takes 2D geometries");
		}
		double[] d = target.direction();
		for (int i = 0; i < 4; i++) {
			if (Math.abs(d[i] - source.direction()[i]) > 1e-9) {
				throw new IllegalArgumentException("the grids are rotated against each other");
			}
		}
		double[] delta = { target.origin()[0] - source.origin()[0], target.origin()[1] - source.origin()[1] };
		// column j of the (row-major) direction matrix is voxel axis j: project the origin shift onto it
		double alongX = delta[0] * d[0] + delta[1] * d[2];
		double alongY = delta[0] * d[1] + delta[1] * d[3];
		return new GridMap(alongX / source.spacing()[0], alongY / source.spacing()[1],
				target.spacing()[0] / source.spacing()[0], target.spacing()[1] / source.spacing()[1]);
	}

	/**
	 * The geometry of a grid whose pixel (i, j) lies at index {@code (offsetX + scaleX i, offsetY + scaleY j)} of
	 * {@code source}'s grid: what a cropping or scaling step declares for its output.
	 */
	public Geometry of(Geometry source) {
		double[] s = source.spacing();
		double[] d = source.direction();
		double ox = offsetX * s[0];
		double oy = offsetY * s[1];
		double[] o = source.origin();
		return new Geometry(new double[] { s[0] * scaleX, s[1] * scaleY },
				new double[] { o[0] + d[0] * ox + d[1] * oy, o[1] + d[2] * ox + d[3] * oy }, d, source.spacingKnown());
	}

	/**
	 * A map on the target grid ({@code tw x th}) brought onto the source grid ({@code sw x sh}): bilinear between
	 * target pixel centres, the edge value up to half a pixel beyond them, zero where the target grid does not reach.
	 */
	public float[] toSource(float[] map, int tw, int th, int sw, int sh) {
		float[] out = new float[sw * sh];
		for (int y = 0; y < sh; y++) {
			double ty = (y - offsetY) / scaleY;
			if (ty < -0.5 || ty > th - 0.5) {
				continue;
			}
			double cy = Math.min(Math.max(ty, 0), th - 1);
			int y0 = (int) Math.floor(cy);
			int y1 = Math.min(y0 + 1, th - 1);
			double fy = cy - y0;
			for (int x = 0; x < sw; x++) {
				double tx = (x - offsetX) / scaleX;
				if (tx < -0.5 || tx > tw - 0.5) {
					continue;
				}
				double cx = Math.min(Math.max(tx, 0), tw - 1);
				int x0 = (int) Math.floor(cx);
				int x1 = Math.min(x0 + 1, tw - 1);
				double fx = cx - x0;
				double top = map[y0 * tw + x0] * (1 - fx) + map[y0 * tw + x1] * fx;
				double bottom = map[y1 * tw + x0] * (1 - fx) + map[y1 * tw + x1] * fx;
				out[y * sw + x] = (float) (top * (1 - fy) + bottom * fy);
			}
		}
		return out;
	}

	/** Values on the source grid ({@code sw x sh}) taken onto the target grid by nearest pixel (masks stay binary). */
	public float[] toTarget(float[] values, int sw, int sh, int tw, int th) {
		float[] out = new float[tw * th];
		for (int y = 0; y < th; y++) {
			long sy = Math.round(offsetY + scaleY * y);
			if (sy < 0 || sy >= sh) {
				continue;
			}
			for (int x = 0; x < tw; x++) {
				long sx = Math.round(offsetX + scaleX * x);
				if (sx >= 0 && sx < sw) {
					out[y * tw + x] = values[(int) (sy * sw + sx)];
				}
			}
		}
		return out;
	}
}

package org.medad.core.image;

import java.util.Arrays;

/**
 * Where voxels lie in patient space, always stated in RAS (readers convert from LPS). {@code direction}
 * is the n x n matrix of unit axis directions, row-major, column j being the direction of voxel axis j.
 * {@code spacingKnown} is false for plain 2D pictures (PNG, JPEG) that carry no physical size.
 */
public record Geometry(double[] spacing, double[] origin, double[] direction, boolean spacingKnown) {

	public Geometry {
		int n = spacing.length;
		if (origin.length != n || direction.length != n * n) {
			throw new IllegalArgumentException("geometry of " + n + " axes needs " + n + " origin and " + (n * n)
					+ " direction values");
		}
		spacing = spacing.clone();
		origin = origin.clone();
		direction = direction.clone();
	}

	/** Unit spacing, zero origin, identity directions, no physical size known. */
	public static Geometry pixels(int dimensions) {
		double[] spacing = new double[dimensions];
		Arrays.fill(spacing, 1);
		double[] direction = new double[dimensions * dimensions];
		for (int i = 0; i < dimensions; i++) {
			direction[i * dimensions + i] = 1;
		}
		return new Geometry(spacing, new double[dimensions], direction, false);
	}

	public int dimensions() {
		return spacing.length;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Geometry g && Arrays.equals(spacing, g.spacing) && Arrays.equals(origin, g.origin)
				&& Arrays.equals(direction, g.direction) && spacingKnown == g.spacingKnown;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(spacing) * 31 + Arrays.hashCode(origin);
	}

	@Override
	public String toString() {
		return "Geometry[spacing=" + Arrays.toString(spacing) + ", origin=" + Arrays.toString(origin) + "]";
	}
}

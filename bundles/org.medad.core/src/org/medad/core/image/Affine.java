package org.medad.core.image;

/**
 * Voxel-to-RAS affines (4x4, row-major, 16 values) and their relation to {@link Geometry}: column j of the
 * upper 3x3 is spacing[j] times direction column j, the last column the origin.
 */
public final class Affine {
	private Affine() {
	}

	/** The affine of a 3D geometry (2D geometries are embedded with unit z). */
	public static double[] of(Geometry g) {
		double[] a = new double[16];
		int n = g.dimensions();
		for (int r = 0; r < 3; r++) {
			for (int c = 0; c < 3; c++) {
				if (r < n && c < n) {
					a[r * 4 + c] = g.direction()[r * n + c] * g.spacing()[c];
				} else if (r == c) {
					a[r * 4 + c] = 1;
				}
			}
			a[r * 4 + 3] = r < n ? g.origin()[r] : 0;
		}
		a[15] = 1;
		return a;
	}

	/** The 3D geometry of an affine: spacing = column norms, direction = normalised columns. */
	public static Geometry toGeometry(double[] a, boolean spacingKnown) {
		double[] spacing = new double[3];
		double[] direction = new double[9];
		double[] origin = new double[3];
		for (int c = 0; c < 3; c++) {
			double norm = Math.sqrt(sq(a[c]) + sq(a[4 + c]) + sq(a[8 + c]));
			spacing[c] = norm == 0 ? 1 : norm;
			for (int r = 0; r < 3; r++) {
				direction[r * 3 + c] = norm == 0 ? (r == c ? 1 : 0) : a[r * 4 + c] / norm;
			}
			origin[c] = a[c * 4 + 3];
		}
		return new Geometry(spacing, origin, direction, spacingKnown);
	}

	private static double sq(double v) {
		return v * v;
	}
}

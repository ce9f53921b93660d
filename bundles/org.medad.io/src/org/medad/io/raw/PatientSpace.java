package org.medad.io.raw;

import org.medad.core.image.Affine;
import org.medad.core.image.Geometry;

/**
 * Geometry from the axis vectors (direction times spacing, one per voxel axis) and origin that NRRD,
 * MetaImage and DICOM state in LPS or RAS. Everything leaves here in RAS: LPS x and y are negated.
 */
public final class PatientSpace {
	private PatientSpace() {
	}

	/**
	 * @param axes n vectors of n components (axis i = axes[i]), in the file's space
	 * @param lps  true when the file's space is LPS (ITK, DICOM), false for RAS
	 */
	public static Geometry geometry(double[][] axes, double[] origin, boolean lps) {
		int n = axes.length;
		double[] spacing = new double[n];
		double[] direction = new double[n * n];
		double[] o = new double[n];
		for (int c = 0; c < n; c++) {
			double norm = 0;
			for (double v : axes[c]) {
				norm += v * v;
			}
			norm = Math.sqrt(norm);
			spacing[c] = norm == 0 ? 1 : norm;
			for (int r = 0; r < n; r++) {
				double v = norm == 0 ? (r == c ? 1 : 0) : axes[c][r] / norm;
				direction[r * n + c] = lps && r < 2 ? -v : v;
			}
			o[c] = lps && c < 2 ? -origin[c] : origin[c];
		}
		return new Geometry(spacing, o, direction, true);
	}

	/** The voxel-to-RAS affine of 3D data, null otherwise (as {@code medad inspect} reports it). */
	public static double[] affine(Geometry g) {
		return g.dimensions() == 3 ? Affine.of(g) : null;
	}

	/** The axis vectors and origin of a RAS geometry in LPS, for writers of LPS formats. */
	public static double[][] lpsAxes(Geometry g) {
		return axes(g, true);
	}

	/** The axis vectors of a geometry in its own (RAS) frame. */
	public static double[][] rasAxes(Geometry g) {
		return axes(g, false);
	}

	private static double[][] axes(Geometry g, boolean lps) {
		int n = g.dimensions();
		double[][] axes = new double[n][n];
		for (int c = 0; c < n; c++) {
			for (int r = 0; r < n; r++) {
				double v = g.direction()[r * n + c] * g.spacing()[c];
				axes[c][r] = lps && r < 2 ? -v : v;
			}
		}
		return axes;
	}

	public static double[] lpsOrigin(Geometry g) {
		double[] o = g.origin().clone();
		for (int i = 0; i < Math.min(2, o.length); i++) {
			o[i] = -o[i];
		}
		return o;
	}
}

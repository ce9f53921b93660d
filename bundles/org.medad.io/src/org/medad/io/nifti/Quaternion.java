package org.medad.io.nifti;

/** The NIfTI qform quaternion (b, c, d) and qfac of an affine's rotation part. */
final class Quaternion {
	private Quaternion() {
	}

	/** Returns {b, c, d, qfac}: a reflection (negative determinant) flips the third column and sets qfac -1. */
	static double[] fromAffine(double[] a) {
		double[][] r = new double[3][3];
		for (int c = 0; c < 3; c++) {
			double n = Math.sqrt(a[c] * a[c] + a[4 + c] * a[4 + c] + a[8 + c] * a[8 + c]);
			for (int row = 0; row < 3; row++) {
				r[row][c] = n == 0 ? (row == c ? 1 : 0) : a[row * 4 + c] / n;
			}
		}
		double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
				+ r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
		double qfac = 1;
		if (det < 0) {
			qfac = -1;
			for (int row = 0; row < 3; row++) {
				r[row][2] = -r[row][2];
			}
		}
		// Shepperd's method, keeping w >= 0 as NIfTI requires
		double trace = r[0][0] + r[1][1] + r[2][2];
		double w, x, y, z;
		if (trace > 0) {
			double s = Math.sqrt(trace + 1) * 2;
			w = s / 4;
			x = (r[2][1] - r[1][2]) / s;
			y = (r[0][2] - r[2][0]) / s;
			z = (r[1][0] - r[0][1]) / s;
		} else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
			double s = Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]) * 2;
			w = (r[2][1] - r[1][2]) / s;
			x = s / 4;
			y = (r[0][1] + r[1][0]) / s;
			z = (r[0][2] + r[2][0]) / s;
		} else if (r[1][1] > r[2][2]) {
			double s = Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]) * 2;
			w = (r[0][2] - r[2][0]) / s;
			x = (r[0][1] + r[1][0]) / s;
			y = s / 4;
			z = (r[1][2] + r[2][1]) / s;
		} else {
			double s = Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]) * 2;
			w = (r[1][0] - r[0][1]) / s;
			x = (r[0][2] + r[2][0]) / s;
			y = (r[1][2] + r[2][1]) / s;
			z = s / 4;
		}
		if (w < 0) {
			x = -x;
			y = -y;
			z = -z;
		}
		return new double[] { x, y, z, qfac };
	}
}

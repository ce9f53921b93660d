package org.medad.nn.resample;

/** The few dense double-precision matrix operations the resamplings need (sizes ≤ 64). */
final class Matrices {
	private Matrices() {
	}

	static double[][] multiply(double[][] a, double[][] b) {
		int n = a.length;
		int k = b.length;
		int m = b[0].length;
		double[][] c = new double[n][m];
		for (int i = 0; i < n; i++) {
			for (int t = 0; t < k; t++) {
				double v = a[i][t];
				for (int j = 0; j < m; j++) {
					c[i][j] += v * b[t][j];
				}
			}
		}
		return c;
	}

	static double[][] transpose(double[][] a) {
		double[][] t = new double[a[0].length][a.length];
		for (int i = 0; i < a.length; i++) {
			for (int j = 0; j < a[0].length; j++) {
				t[j][i] = a[i][j];
			}
		}
		return t;
	}

	/** Inverse by Gauss-Jordan elimination with partial pivoting; fails loudly on a singular matrix. */
	static double[][] inverse(double[][] a) {
		int n = a.length;
		double[][] w = new double[n][2 * n];
		for (int i = 0; i < n; i++) {
			System.arraycopy(a[i], 0, w[i], 0, n);
			w[i][n + i] = 1;
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int r = col + 1; r < n; r++) {
				if (Math.abs(w[r][col]) > Math.abs(w[pivot][col])) {
					pivot = r;
				}
			}
			if (Math.abs(w[pivot][col]) < 1e-12) {
				throw new ArithmeticException("singular matrix in resampling (column " + col + ")");
			}
			double[] tmp = w[col];
			w[col] = w[pivot];
			w[pivot] = tmp;
			double d = w[col][col];
			for (int j = 0; j < 2 * n; j++) {
				w[col][j] /= d;
			}
			for (int r = 0; r < n; r++) {
				if (r != col && w[r][col] != 0) {
					double f = w[r][col];
					for (int j = 0; j < 2 * n; j++) {
						w[r][j] -= f * w[col][j];
					}
				}
			}
		}
		double[][] inv = new double[n][n];
		for (int i = 0; i < n; i++) {
			System.arraycopy(w[i], n, inv[i], 0, n);
		}
		return inv;
	}
}

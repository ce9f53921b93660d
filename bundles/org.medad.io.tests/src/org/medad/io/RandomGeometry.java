package org.medad.io;

import java.util.Random;

/** Random orthonormal direction matrices for geometry round-trip tests. */
public final class RandomGeometry {
	private RandomGeometry() {
	}

	/** A random orthonormal direction matrix, a reflection for odd seeds. */
	public static double[] direction(Random r, boolean reflect) {
		double a = r.nextDouble() * Math.PI, b = r.nextDouble() * Math.PI, c = r.nextDouble() * Math.PI;
		double[] rx = { 1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a) };
		double[] ry = { Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b) };
		double[] rz = { Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1 };
		double[] m = mul(mul(rx, ry), rz);
		if (reflect) {
			for (int row = 0; row < 3; row++) {
				m[row * 3 + 2] = -m[row * 3 + 2];
			}
		}
		return m;
	}

	static double[] mul(double[] p, double[] q) {
		double[] o = new double[9];
		for (int i = 0; i < 3; i++) {
			for (int j = 0; j < 3; j++) {
				for (int k = 0; k < 3; k++) {
					o[i * 3 + j] += p[i * 3 + k] * q[k * 3 + j];
				}
			}
		}
		return o;
	}
}

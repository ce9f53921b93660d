package org.medad.io.nifti;

/**
 * The voxel-to-RAS affine of a NIfTI/Analyze header by nibabel's rules ({@code get_best_affine}): the
 * sform when sform_code > 0, else the qform when qform_code > 0, else the shape-centred affine with x
 * flipped; for Analyze, SPM's origin field when it is plausible.
 */
final class NiftiAffine {
	private NiftiAffine() {
	}

	static double[] best(NiftiHeader h) {
		if (h.sformCode() > 0) {
			return sform(h);
		}
		if (h.qformCode() > 0) {
			return qform(h);
		}
		return base(h);
	}

	static String source(NiftiHeader h) {
		return h.sformCode() > 0 ? "sform" : h.qformCode() > 0 ? "qform" : "base";
	}

	static double[] sform(NiftiHeader h) {
		double[] a = new double[16];
		System.arraycopy(h.srow(), 0, a, 0, 12);
		a[15] = 1;
		return a;
	}

	static double[] qform(NiftiHeader h) {
		double b = h.quatern()[0];
		double c = h.quatern()[1];
		double d = h.quatern()[2];
		double w2 = 1 - (b * b + c * c + d * d);
		// nibabel's fillpositive: tiny negative w^2 from float32 rounding means w = 0
		double a = w2 < 0 ? 0 : Math.sqrt(w2);
		double[] r = rotation(a, b, c, d);
		double[] vox = { h.pixdim()[1], h.pixdim()[2], h.pixdim()[3] };
		double qfac = h.pixdim()[0] == -1 ? -1 : 1;
		vox[2] *= qfac;
		double[] m = new double[16];
		for (int row = 0; row < 3; row++) {
			for (int col = 0; col < 3; col++) {
				m[row * 4 + col] = r[row * 3 + col] * vox[col];
			}
			m[row * 4 + 3] = h.qoffset()[row];
		}
		m[15] = 1;
		return m;
	}

	/** nibabel's quat2mat for (w, x, y, z). */
	static double[] rotation(double w, double x, double y, double z) {
		double n = w * w + x * x + y * y + z * z;
		if (n < 1e-12) {
			return new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
		}
		double s = 2 / n;
		double xs = x * s, ys = y * s, zs = z * s;
		double wx = w * xs, wy = w * ys, wz = w * zs;
		double xx = x * xs, xy = x * ys, xz = x * zs;
		double yy = y * ys, yz = y * zs, zz = z * zs;
		return new double[] { 1 - (yy + zz), xy - wz, xz + wy, xy + wz, 1 - (xx + zz), yz - wx, xz - wy, yz + wx,
				1 - (xx + yy) };
	}

	/** Shape-centred affine with x flipped; Analyze's SPM origin (1-based) when it lies near the volume. */
	static double[] base(NiftiHeader h) {
		double[] zooms = new double[3];
		double[] shape = new double[3];
		for (int i = 0; i < 3; i++) {
			zooms[i] = i < h.dims().length ? h.pixdim()[i + 1] : 1;
			shape[i] = i < h.dims().length ? h.dims()[i] : 1;
		}
		zooms[0] *= -1;
		double[] origin = new double[3];
		boolean spm = h.kind() == NiftiHeader.Kind.ANALYZE && plausible(h.analyzeOrigin(), shape);
		for (int i = 0; i < 3; i++) {
			origin[i] = spm ? h.analyzeOrigin()[i] - 1 : (shape[i] - 1) / 2.0;
		}
		double[] a = new double[16];
		for (int i = 0; i < 3; i++) {
			a[i * 4 + i] = zooms[i];
			a[i * 4 + 3] = -origin[i] * zooms[i];
		}
		a[15] = 1;
		return a;
	}

	private static boolean plausible(short[] origin, double[] shape) {
		boolean any = false;
		for (int i = 0; i < 3; i++) {
			any |= origin[i] != 0;
			if (origin[i] <= -shape[i] || origin[i] >= 2 * shape[i]) {
				return false;
			}
		}
		return any;
	}
}

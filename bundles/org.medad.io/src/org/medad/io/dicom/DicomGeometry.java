package org.medad.io.dicom;

import org.medad.core.image.Geometry;
import org.medad.io.raw.PatientSpace;

/**
 * Geometry of a DICOM image in patient space: in-plane spacing from PixelSpacing (rows, then columns) or
 * ImagerPixelSpacing, slice spacing from GridFrameOffsetVector (multi-frame dose grids),
 * SpacingBetweenSlices or SliceThickness, orientation from ImageOrientationPatient (normal = row x column
 * cosine) and ImagePositionPatient; LPS converted to RAS. Unknown spacings are NaN.
 */
record DicomGeometry(double[] spacing, double[] position, double[] rowCosine, double[] columnCosine) {

	static DicomGeometry of(DicomDataset d, int frames) {
		double[] ps = d.numbers(Tag.PIXEL_SPACING);
		if (ps == null || ps.length < 2) {
			ps = d.numbers(Tag.IMAGER_PIXEL_SPACING);
		}
		double sx = ps != null && ps.length >= 2 ? ps[1] : Double.NaN;
		double sy = ps != null && ps.length >= 2 ? ps[0] : Double.NaN;
		double sz = Double.NaN;
		double[] offsets = d.numbers(Tag.GRID_FRAME_OFFSETS);
		if (frames > 1 && offsets != null && offsets.length >= 2) {
			sz = Math.abs(offsets[1] - offsets[0]);
		} else if (d.number(Tag.SPACING_BETWEEN_SLICES) != null) {
			sz = d.number(Tag.SPACING_BETWEEN_SLICES);
		} else if (d.number(Tag.SLICE_THICKNESS) != null) {
			sz = d.number(Tag.SLICE_THICKNESS);
		}
		double[] iop = d.numbers(Tag.IMAGE_ORIENTATION);
		double[] ipp = d.numbers(Tag.IMAGE_POSITION);
		boolean oriented = iop != null && iop.length == 6 && ipp != null && ipp.length == 3;
		return new DicomGeometry(new double[] { sx, sy, sz }, oriented ? ipp : null,
				oriented ? new double[] { iop[0], iop[1], iop[2] } : null,
				oriented ? new double[] { iop[3], iop[4], iop[5] } : null);
	}

	boolean oriented() {
		return position != null && !Double.isNaN(spacing[0]);
	}

	double[] normal() {
		double[] r = rowCosine, c = columnCosine;
		return new double[] { r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0] };
	}

	/** Position of this image along the slice normal, the key that orders a series. */
	double alongNormal() {
		double[] n = normal();
		return position[0] * n[0] + position[1] * n[1] + position[2] * n[2];
	}

	/** The RAS geometry with the given slice spacing (unknown spacing counts as 1 mm). */
	Geometry geometry(double sliceSpacing) {
		if (!oriented()) {
			double[] s = { nanToOne(spacing[0]), nanToOne(spacing[1]), nanToOne(sliceSpacing) };
			return new Geometry(s, new double[3], new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, !Double.isNaN(spacing[0]));
		}
		double[] n = normal();
		double z = nanToOne(sliceSpacing);
		double[][] axes = new double[3][3];
		for (int i = 0; i < 3; i++) {
			axes[0][i] = rowCosine[i] * spacing[0];
			axes[1][i] = columnCosine[i] * spacing[1];
			axes[2][i] = n[i] * z;
		}
		return PatientSpace.geometry(axes, position, true);
	}

	private static double nanToOne(double v) {
		return Double.isNaN(v) || v == 0 ? 1 : v;
	}
}

package org.medad.ui.view;

import org.medad.core.image.Geometry;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * How one {@link ViewPlane} shows a volume's voxel grid: the voxel axis along the screen's x, along its y and across
 * (the slices), each with the direction it runs in, chosen as the voxel axes closest to the plane's RAS directions
 * (an oblique scan is shown on its nearest axes, labelled with the letters its axes actually point to). It turns
 * screen pixels and slice numbers into voxel indices and back, voxels into millimetres in RAS for the data probe,
 * and gives the slice as an ImgLib2 view (permuted and flipped, never copied).
 */
public final class SliceGeometry {
	private final ViewPlane plane;
	private final Geometry geometry;
	private final long[] dims;
	private final int across; // the voxel axis along the screen's x
	private final int along; // the voxel axis along the screen's y
	private final int through; // the voxel axis the slices step along
	private final boolean flipX;
	private final boolean flipY;
	private final boolean flipSlices;

	/** {@code dims}: the volume's three sizes (a 2D image: depth 1, shown axially). */
	public SliceGeometry(ViewPlane plane, Geometry geometry, long[] dims) {
		if (dims.length != 3 || geometry.dimensions() != 3) {
			throw new IllegalArgumentException("three-plane views need a 3D grid, got " + dims.length + " sizes and a "
					+ geometry.dimensions() + "D geometry");
		}
		this.plane = plane;
		this.geometry = geometry;
		this.dims = dims.clone();
		int x = closest(plane.right(), -1);
		int y = closest(plane.down(), x);
		this.across = x;
		this.along = y;
		this.through = 3 - x - y;
		this.flipX = dot(axis(x), plane.right()) < 0;
		this.flipY = dot(axis(y), plane.down()) < 0;
		this.flipSlices = dot(axis(through), plane.normal()) < 0;
	}

	public ViewPlane plane() {
		return plane;
	}

	/** Screen pixels across, down, and the number of slices. */
	public long width() {
		return dims[across];
	}

	public long height() {
		return dims[along];
	}

	public long slices() {
		return dims[through];
	}

	/** Millimetres per screen pixel across and down (for the displayed aspect ratio). */
	public double spacingX() {
		return geometry.spacing()[across];
	}

	public double spacingY() {
		return geometry.spacing()[along];
	}

	/** The voxel shown at screen pixel ({@code x}, {@code y}) of slice {@code slice}. */
	public long[] voxel(long x, long y, long slice) {
		long[] v = new long[3];
		v[across] = flipX ? dims[across] - 1 - x : x;
		v[along] = flipY ? dims[along] - 1 - y : y;
		v[through] = flipSlices ? dims[through] - 1 - slice : slice;
		return v;
	}

	/** Where a voxel is shown: {x, y, slice} (the linked crosshair moves every view there). */
	public long[] screen(long[] voxel) {
		return new long[] { flipX ? dims[across] - 1 - voxel[across] : voxel[across],
				flipY ? dims[along] - 1 - voxel[along] : voxel[along],
				flipSlices ? dims[through] - 1 - voxel[through] : voxel[through] };
	}

	/** The RAS position in mm of a voxel's centre. */
	public double[] ras(long[] voxel) {
		double[] p = geometry.origin().clone();
		double[] d = geometry.direction();
		double[] s = geometry.spacing();
		for (int r = 0; r < 3; r++) {
			for (int j = 0; j < 3; j++) {
				p[r] += d[r * 3 + j] * s[j] * voxel[j];
			}
		}
		return p;
	}

	/** The letters at the left, right, top and bottom edges. */
	public String[] edgeLetters() {
		double[] right = scaled(axis(across), flipX ? -1 : 1);
		double[] down = scaled(axis(along), flipY ? -1 : 1);
		return new String[] { RasLetters.of(scaled(right, -1)), RasLetters.of(right), RasLetters.of(scaled(down, -1)),
				RasLetters.of(down) };
	}

	/** Slice {@code slice} as a 2D view indexed by screen (x, y), from 0. */
	public RandomAccessibleInterval<FloatType> view(RandomAccessibleInterval<FloatType> volume, long slice) {
		if (slice < 0 || slice >= slices()) {
			throw new IndexOutOfBoundsException(plane.label() + " slice " + slice + " of " + slices());
		}
		long k = flipSlices ? dims[through] - 1 - slice : slice;
		RandomAccessibleInterval<FloatType> s = Views.hyperSlice(volume, through, volume.min(through) + k);
		if (across > along) { // after the slice the remaining axes keep their order: put x first
			s = Views.permute(s, 0, 1);
		}
		if (flipX) {
			s = Views.invertAxis(s, 0);
		}
		if (flipY) {
			s = Views.invertAxis(s, 1);
		}
		return Views.zeroMin(s);
	}

	private int closest(double[] ras, int taken) {
		int best = -1;
		double score = -1;
		for (int j = 0; j < 3; j++) {
			double c = Math.abs(dot(axis(j), ras));
			if (j != taken && c > score) {
				best = j;
				score = c;
			}
		}
		return best;
	}

	private double[] axis(int j) {
		double[] d = geometry.direction();
		return new double[] { d[j], d[3 + j], d[6 + j] };
	}

	private static double dot(double[] a, double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	private static double[] scaled(double[] v, double f) {
		return new double[] { v[0] * f, v[1] * f, v[2] * f };
	}
}

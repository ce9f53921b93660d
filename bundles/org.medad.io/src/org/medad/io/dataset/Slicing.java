package org.medad.io.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.view.Views;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;

/**
 * 2D slices of a 3D volume in a chosen plane and index range (BMAD takes BraTS axial slices 60 to 100),
 * as views, not copies; and the way back: per-slice maps stacked onto the volume's own grid, so a map
 * written as NIfTI lies exactly on the input's geometry.
 */
public final class Slicing {
	private Slicing() {
	}

	/** Planes by the voxel axis they cut: axial = z, coronal = y, sagittal = x. */
	public enum Plane {
		SAGITTAL(0), CORONAL(1), AXIAL(2);

		final int axis;

		Plane(int axis) {
			this.axis = axis;
		}

		public static Plane of(String name) {
			return valueOf(name.toUpperCase(java.util.Locale.ROOT));
		}
	}

	/** Slices {@code from} (inclusive) to {@code to} (exclusive) of a 3D single-channel volume. */
	public static List<Volume> slices(Volume volume, Plane plane, int from, int to) throws BadInputException {
		if (volume.voxels().numDimensions() != 3 || volume.channels() != 1 || volume.geometry().dimensions() != 3) {
			throw new BadInputException(volume.source() + ": slicing needs a 3D single-channel volume");
		}
		int n = (int) volume.voxels().dimension(plane.axis);
		if (from < 0 || to > n || from >= to) {
			throw new BadInputException(volume.source() + ": slice range " + from + ".." + to + " is outside the "
					+ n + " " + plane.name().toLowerCase() + " slices");
		}
		Geometry g = sliceGeometry(volume.geometry(), plane);
		List<Volume> out = new ArrayList<>();
		for (int k = from; k < to; k++) {
			Map<String, String> meta = new LinkedHashMap<>(volume.metadata());
			meta.put("plane", plane.name().toLowerCase());
			meta.put("slice_index", Integer.toString(k));
			out.add(new Volume(volume.source() + "#" + plane.name().toLowerCase() + k,
					Views.hyperSlice(volume.voxels(), plane.axis, k), g, volume.modality(), meta));
		}
		return out;
	}

	/** The 2D geometry of a slice in {@code plane}: the in-plane spacings, at the origin, axes as stored. */
	public static Geometry sliceGeometry(Geometry volume, Plane plane) {
		double[] sp = volume.spacing();
		int a = plane.axis == 0 ? 1 : 0;
		int b = plane.axis == 2 ? 1 : 2;
		return new Geometry(new double[] { sp[a], sp[b] }, new double[2], new double[] { 1, 0, 0, 1 },
				volume.spacingKnown());
	}

	/**
	 * A volume on {@code like}'s grid and geometry holding {@code maps} (each on its slice's grid, x fastest
	 * in the slice) at slices {@code from}, {@code from + 1}, ...; other slices are zero.
	 */
	public static Volume stack(List<float[]> maps, Volume like, Plane plane, int from) {
		long[] dims = { like.voxels().dimension(0), like.voxels().dimension(1), like.voxels().dimension(2) };
		float[] out = new float[(int) (dims[0] * dims[1] * dims[2])];
		for (int s = 0; s < maps.size(); s++) {
			place(out, dims, plane, from + s, maps.get(s));
		}
		return new Volume(like.source(), Images.wrap(out, dims), like.geometry(), "MAP", Map.of());
	}

	/**
	 * Writes one slice's values ({@code map}, on the slice's grid: the two remaining axes in order, the first
	 * fastest) into slice {@code k} of a volume array {@code out} of {@code dims}, x fastest: a copy per row, so
	 * stacking a whole volume costs one pass over it.
	 */
	public static void place(float[] out, long[] dims, Plane plane, int k, float[] map) {
		int nx = (int) dims[0];
		int ny = (int) dims[1];
		int nz = (int) dims[2];
		switch (plane) {
		case AXIAL -> System.arraycopy(map, 0, out, k * nx * ny, nx * ny);
		case CORONAL -> {
			for (int z = 0; z < nz; z++) {
				System.arraycopy(map, z * nx, out, (z * ny + k) * nx, nx);
			}
		}
		case SAGITTAL -> {
			for (int z = 0; z < nz; z++) {
				for (int y = 0; y < ny; y++) {
					out[(z * ny + y) * nx + k] = map[z * ny + y];
				}
			}
		}
		}
	}
}

package org.medad.io.dataset;

/**
 * Which 2D slices detectors get from volumes: a plane and a range of slice indices, {@code from}
 * inclusive, {@code to} exclusive; {@code to < 0} means to the end. 2D images are used whole.
 */
public record SliceSpec(Slicing.Plane plane, int from, int to) {

	public static final SliceSpec ALL_AXIAL = new SliceSpec(Slicing.Plane.AXIAL, 0, -1);

	/** Parses {@code plane} and {@code FROM:TO} (e.g. "axial", "60:100"); null or empty range means all. */
	public static SliceSpec parse(String plane, String range) {
		Slicing.Plane p = plane == null ? Slicing.Plane.AXIAL : Slicing.Plane.of(plane);
		if (range == null || range.isBlank()) {
			return new SliceSpec(p, 0, -1);
		}
		String[] parts = range.split(":", -1);
		if (parts.length != 2) {
			throw new IllegalArgumentException("slice range '" + range + "' is not FROM:TO");
		}
		int from = parts[0].isBlank() ? 0 : Integer.parseInt(parts[0].trim());
		int to = parts[1].isBlank() ? -1 : Integer.parseInt(parts[1].trim());
		if (from < 0 || (to >= 0 && to <= from)) {
			throw new IllegalArgumentException("slice range '" + range + "' is empty or negative");
		}
		return new SliceSpec(p, from, to);
	}

	/** The end index for a volume with {@code n} slices in this plane. */
	public int end(int n) {
		return to < 0 ? n : Math.min(to, n);
	}

	public String describe() {
		return plane.name().toLowerCase() + " slices " + from + ".." + (to < 0 ? "end" : to - 1);
	}
}

package org.medad.io.preprocess;

import org.medad.core.image.Volume;

/**
 * One preprocessing step on a 2D slice (grey or colour, channel axis last). Steps are small and compose
 * with {@link #then}; {@link #describe()} is what a model package records.
 */
public interface SliceOp {

	Volume apply(Volume slice);

	String describe();

	/**
	 * Whether the output covers another part of the slice than the whole of it (a crop, a paste onto a canvas): maps
	 * and masks then move between the grids by their geometries, not by stretching one over the other.
	 */
	default boolean crops() {
		return false;
	}

	default SliceOp then(SliceOp next) {
		return new Pipeline(java.util.List.of(this, next));
	}
}

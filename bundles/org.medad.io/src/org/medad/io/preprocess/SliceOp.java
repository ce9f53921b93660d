package org.medad.io.preprocess;

import org.medad.core.image.Volume;

/**
 * One preprocessing step on a 2D slice (grey or colour, channel axis last). Steps are small and compose
 * with {@link #then}; {@link #describe()} is what a model package records.
 */
public interface SliceOp {

	Volume apply(Volume slice);

	String describe();

	default SliceOp then(SliceOp next) {
		return new Pipeline(java.util.List.of(this, next));
	}
}

package org.medad.io.preprocess;

import org.medad.core.image.Volume;

/** One grey channel: luma of colour pictures (ITU-R 601, as PIL's convert("L")); grey passes through. */
public record ToGrey() implements SliceOp {

	@Override
	public Volume apply(Volume slice) {
		Planes.require2d(slice);
		return slice.grey();
	}

	@Override
	public String describe() {
		return "grey (luma of colour)";
	}
}

package org.medad.io.preprocess;

import org.medad.core.image.Volume;

/** Three identical channels from a grey slice (networks pretrained on colour images); colour passes through. */
public record GreyToRgb() implements SliceOp {

	@Override
	public Volume apply(Volume slice) {
		Planes.require2d(slice);
		if (slice.channels() == 3) {
			return slice;
		}
		float[] g = Planes.channel(slice.grey(), 0);
		return Planes.of(slice, new float[][] { g, g.clone(), g.clone() }, slice.width(), slice.height(),
				slice.geometry());
	}

	@Override
	public String describe() {
		return "grey to 3 channels";
	}
}

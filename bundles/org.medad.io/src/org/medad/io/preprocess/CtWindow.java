package org.medad.io.preprocess;

import org.medad.core.image.Volume;

/** A CT window: Hounsfield units clipped to [lower, upper] and mapped to [0, 1] (e.g. liver: -200..250). */
public record CtWindow(double lower, double upper) implements SliceOp {

	public CtWindow {
		if (!(upper > lower)) {
			throw new IllegalArgumentException("CT window [" + lower + ", " + upper + "] is empty");
		}
	}

	@Override
	public Volume apply(Volume slice) {
		Planes.require2d(slice);
		float[][] planes = new float[slice.channels()][];
		for (int c = 0; c < planes.length; c++) {
			float[] v = Planes.channel(slice, c);
			for (int i = 0; i < v.length; i++) {
				v[i] = (float) ((Math.max(lower, Math.min(upper, v[i])) - lower) / (upper - lower));
			}
			planes[c] = v;
		}
		return Planes.of(slice, planes, slice.width(), slice.height(), slice.geometry());
	}

	@Override
	public String describe() {
		return "CT window [" + lower + ", " + upper + "] HU to [0,1]";
	}
}

package org.medad.io.preprocess;

import org.medad.core.image.Volume;

/**
 * An intensity window: values clipped to [lower, upper] and mapped to [0, 1]; for CT in Hounsfield units (liver:
 * -200..250), for 8-bit pictures in grey levels (0..255).
 */
public record CtWindow(double lower, double upper) implements SliceOp {

	public CtWindow {
		if (!(upper > lower)) {
			throw new IllegalArgumentException("window [" + lower + ", " + upper + "] is empty");
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
		return "window [" + lower + ", " + upper + "] to [0,1]";
	}
}

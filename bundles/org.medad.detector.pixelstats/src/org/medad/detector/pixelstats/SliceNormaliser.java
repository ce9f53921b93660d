package org.medad.detector.pixelstats;

import org.medad.core.image.Images;
import org.medad.core.image.Resample;
import org.medad.core.image.Volume;

/** Brings a slice to the model grid: area/bilinear resize to size x size, divided by the training scale. */
record SliceNormaliser(int size, float scale) {

	float[] apply(Volume slice) {
		float[] px = Images.toArray(slice.voxels());
		float[] out = Resample.area(px, slice.width(), slice.height(), size, size);
		for (int i = 0; i < out.length; i++) {
			out[i] /= scale;
		}
		return out;
	}
}

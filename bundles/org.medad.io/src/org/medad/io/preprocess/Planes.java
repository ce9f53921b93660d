package org.medad.io.preprocess;

import java.util.Map;

import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;

/** Helpers shared by the steps: per-channel planes of a 2D slice and rebuilding slices from them. */
final class Planes {
	private Planes() {
	}

	static void require2d(Volume v) {
		int spatial = v.voxels().numDimensions() - (v.channels() > 1 ? 1 : 0);
		if (spatial != 2) {
			throw new IllegalArgumentException(v.source() + ": preprocessing works on 2D slices, this image has "
					+ spatial + " spatial axes");
		}
	}

	/** Channel c of a 2D slice as a flat array (x fastest). */
	static float[] channel(Volume v, int c) {
		float[] all = Images.toArray(v.voxels());
		int n = v.width() * v.height();
		return java.util.Arrays.copyOfRange(all, c * n, (c + 1) * n);
	}

	/** A slice of the given size made of channel planes, keeping source, modality and metadata. */
	static Volume of(Volume like, float[][] planes, int w, int h, Geometry g) {
		int n = w * h;
		float[] all = new float[n * planes.length];
		for (int c = 0; c < planes.length; c++) {
			System.arraycopy(planes[c], 0, all, c * n, n);
		}
		var voxels = planes.length == 1 ? Images.wrap(all, w, h) : Images.wrap(all, w, h, planes.length);
		return new Volume(like.source(), voxels, g, planes.length, like.modality(),
				like.metadata().isEmpty() ? Map.of() : like.metadata());
	}

	/** The geometry of a resampled slice: same physical extent, spacing scaled. */
	static Geometry scaled(Geometry g, double fx, double fy) {
		double[] s = g.spacing();
		return new Geometry(new double[] { s[0] * fx, s[1] * fy }, g.origin(), g.direction(), g.spacingKnown());
	}
}

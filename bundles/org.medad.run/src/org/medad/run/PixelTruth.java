package org.medad.run;

import java.util.Arrays;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Resample;
import org.medad.core.image.Volume;
import org.medad.io.dataset.Case;
import org.medad.io.format.ImageFormats;
import org.medad.metrics.PixelSamples;

/**
 * Adds a scored case's map and its ground truth to the pixel samples of a set: the case's mask on the
 * mask's grid, an empty mask for a normal case without one (its pixels are negatives, as scikit-learn
 * and anomalib count them), or both resampled to a fixed square size for 2D images as the papers do.
 */
final class PixelTruth {
	private final ImageFormats formats;
	private final Integer metricSize;
	private boolean masks;

	/** @param metricSize null: pixel metrics on the mask's grid */
	PixelTruth(ImageFormats formats, Integer metricSize) {
		this.formats = formats;
		this.metricSize = metricSize;
	}

	/** A mask must lie on its image's grid (a 2D image's mask may carry a third extent of 1). */
	static void checkGrid(java.nio.file.Path mask, long[] have, java.nio.file.Path image, long[] want)
			throws BadInputException {
		boolean squeezed = have.length == 3 && have[2] == 1 && want.length == 2 && have[0] == want[0] && have[1] == want[1];
		if (!Arrays.equals(want, have) && !squeezed) {
			throw BadInputException.of(mask, "mask is " + Arrays.toString(have) + " but its image "
					+ image.getFileName() + " is " + Arrays.toString(want));
		}
	}

	/** Whether any case added so far had a mask of its own: without one pixel metrics are undefined. */
	boolean sawMasks() {
		return masks;
	}

	/**
	 * Adds {@code r}'s pixels when the case has a mask or is normal; an anomalous case without mask adds nothing.
	 * Returns the truth on the image's grid (zeros for a normal case), or null when there is none.
	 */
	float[] add(PixelSamples pixels, CaseScorer.Scored r, Case c) throws BadInputException {
		long[] want = r.image().voxels().dimensionsAsLongArray();
		float[] truth;
		long[] have;
		if (c.hasMask()) {
			Volume mask = formats.read(c.mask()).grey();
			truth = Images.toArray(mask.voxels());
			have = mask.voxels().dimensionsAsLongArray();
			masks = true;
		} else if (!c.anomalous()) {
			truth = new float[r.map().length];
			have = want;
		} else {
			return null;
		}
		if (c.hasMask()) {
			checkGrid(c.mask(), have, c.image(), want);
		}
		int[] dims = Arrays.stream(want).mapToInt(Math::toIntExact).toArray();
		if (metricSize == null || r.isVolume()) {
			pixels.add(r.map(), truth, dims);
		} else {
			pixels.add(Resample.bilinear(r.map(), dims[0], dims[1], metricSize, metricSize),
					Resample.nearest(truth, dims[0], dims[1], metricSize, metricSize), metricSize, metricSize);
		}
		return truth;
	}
}

package org.medad.core.detect;

import org.medad.core.image.Volume;

/**
 * One labelled example given to a few-shot method: an image, whether it is anomalous, and for an anomalous one its
 * mask on the image's grid (null when the data set has none).
 */
public record Shot(String id, Volume image, boolean anomalous, Volume mask) {

	public Shot {
		if (!anomalous && mask != null) {
			throw new IllegalArgumentException(id + ": a normal shot has no mask");
		}
	}
}

package org.medad.core.detect;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;

/** Slices with their labels and, where the data set has them, masks on each slice's grid; loaded on demand. */
public interface LabelledSlices extends SliceSource {

	boolean anomalous(int index);

	/** The mask of an anomalous slice on the grid of {@link #load(int) load(index)}; null when there is none. */
	Volume mask(int index) throws BadInputException;
}

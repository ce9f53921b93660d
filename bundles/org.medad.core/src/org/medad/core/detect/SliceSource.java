package org.medad.core.detect;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;

/**
 * Training slices, loaded one at a time so that a data set never has to fit in memory. Indices are
 * stable, which makes runs with the same seed reproducible.
 */
public interface SliceSource {

	int size();

	/** A name for messages and data fingerprints, usually the file's path relative to the data root. */
	String id(int index);

	Volume load(int index) throws BadInputException;
}

package org.medad.core.detect;

import java.util.List;

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

	/** Slices already in memory (generated data, tests), named by their {@link Volume#source()}. */
	static SliceSource of(List<Volume> slices) {
		List<Volume> copy = List.copyOf(slices);
		return new SliceSource() {
			@Override
			public int size() {
				return copy.size();
			}

			@Override
			public String id(int index) {
				return copy.get(index).source();
			}

			@Override
			public Volume load(int index) {
				return copy.get(index);
			}
		};
	}
}

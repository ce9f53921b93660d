package org.medad.io.dataset;

import java.util.List;

import org.medad.core.error.BadInputException;

/** A data set as training and evaluation see it, whatever its folder layout. */
public interface LabelledData {

	/** The normal images to train on. */
	List<Case> training() throws BadInputException;

	boolean hasSplit(String split);

	/** The labelled cases of a split, normal ones first. */
	List<Case> cases(String split) throws BadInputException;

	/**
	 * Cases of a split listed but not usable, by id with the reason (a manifest's bad rows), for errors.csv; a
	 * folder layout has none.
	 */
	default java.util.List<java.util.Map.Entry<String, String>> problems(String split) {
		return java.util.List.of();
	}

	/** The layout's name, for messages and run records. */
	String layout();
}

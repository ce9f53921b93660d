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

	/** The layout's name, for messages and run records. */
	String layout();
}

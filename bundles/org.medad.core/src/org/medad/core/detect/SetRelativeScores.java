package org.medad.core.detect;

import java.util.List;

import org.medad.core.error.MedadException;
import org.medad.core.image.Volume;

/**
 * A trained model whose final scores are relative to the whole scored set (MVFA min-max normalises its zero- and
 * few-shot parts over every image and pixel of the set, METHODS.md §2.4). The workflows score such a model in two
 * passes: the parts of every slice first, then each slice's result from the set's statistics, so that {@code score}
 * over a folder and {@code evaluate} over the same cases agree. Parts are compact (the model's low-resolution grids,
 * not full maps), so a set of thousands of slices fits in memory.
 */
public interface SetRelativeScores {

	/** What each slice contributes to the set, in the order given. */
	List<float[]> parts(List<Volume> slices) throws MedadException;

	/** The set's statistics from all its slices' parts; every result of the set follows from them. */
	SetScorer finish(List<float[]> all);

	/** Results of single slices once the set is known. */
	interface SetScorer {
		AnomalyResult result(float[] parts);
	}
}

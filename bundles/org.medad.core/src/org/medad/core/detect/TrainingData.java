package org.medad.core.detect;

import java.util.List;

/**
 * What a detector trains on: the normal training slices; for methods that learn from labelled examples
 * ({@link LearnsFrom#FEW_SHOT}), the shots drawn from the data set's validation split by a seeded or listed selection
 * ({@code selection} says which, for the record); and the other labelled data sets the user named for the zero-shot
 * protocol ({@code others}: train on several, test on a held-out one). Normal-only detectors see {@link #normals()}
 * alone. Every slice has been through the detector's declared input.
 */
public record TrainingData(SliceSource normals, List<Shot> shots, String selection, List<LabelledSet> others) {

	public TrainingData {
		shots = List.copyOf(shots);
		others = List.copyOf(others);
	}

	public TrainingData(SliceSource normals, List<Shot> shots, String selection) {
		this(normals, shots, selection, List.of());
	}

	public static TrainingData normalsOnly(SliceSource normals) {
		return new TrainingData(normals, List.of(), "none");
	}

	public TrainingData withOthers(List<LabelledSet> sets) {
		return new TrainingData(normals, shots, selection, sets);
	}

	public List<Shot> normalShots() {
		return shots.stream().filter(s -> !s.anomalous()).toList();
	}

	public List<Shot> anomalousShots() {
		return shots.stream().filter(Shot::anomalous).toList();
	}
}

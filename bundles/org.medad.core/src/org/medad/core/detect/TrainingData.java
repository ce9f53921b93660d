package org.medad.core.detect;

import java.util.List;

/**
 * What a detector trains on: the normal training slices and, for methods that learn from labelled examples
 * ({@link LearnsFrom#FEW_SHOT}), the shots drawn from the data set's validation split by a seeded or listed selection
 * ({@code selection} says which, for the record). Normal-only detectors see {@link #normals()} alone.
 */
public record TrainingData(SliceSource normals, List<Shot> shots, String selection) {

	public TrainingData {
		shots = List.copyOf(shots);
	}

	public static TrainingData normalsOnly(SliceSource normals) {
		return new TrainingData(normals, List.of(), "none");
	}

	public List<Shot> normalShots() {
		return shots.stream().filter(s -> !s.anomalous()).toList();
	}

	public List<Shot> anomalousShots() {
		return shots.stream().filter(Shot::anomalous).toList();
	}
}

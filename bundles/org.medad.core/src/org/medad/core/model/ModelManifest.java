package org.medad.core.model;

import java.util.List;
import java.util.Map;

/**
 * The content of a package's {@code model.json} (DESIGN.md "Model package"). Everything needed to
 * repeat or audit a run: detector and version, every setting, preprocessing, calibrated thresholds,
 * where the training data came from, and the weight files with their hashes.
 */
public record ModelManifest(int formatVersion, DetectorRef detector, Map<String, Object> settings,
		Map<String, Object> preprocessing, Thresholds thresholds, Training training, List<WeightFile> weights,
		List<Reference> references) {

	public static final int FORMAT_VERSION = 1;

	public record DetectorRef(String id, String version) {
	}

	/** Decision thresholds; {@code method} says how they were calibrated (e.g. "f1-max on valid"). */
	public record Thresholds(Double image, Double pixel, String method) {
	}

	/** Data fingerprint (file count and hash of the sorted file list), seed, and how the run went. */
	public record Training(int files, String fileListSha256, long seed, int epochs, String softwareVersion,
			String device, double seconds, String finished) {
	}

	public record WeightFile(String file, String sha256, long size) {
	}

	/** A foundation model the package builds on, by name and hash. */
	public record Reference(String name, String sha256, String path) {
		/** An imported foundation package a model was built on: its folder name, model.json checksum and place. */
		public static Reference of(ModelPackage foundation) {
			return new Reference(foundation.folder().getFileName().toString(), foundation.sha256(),
					foundation.folder().toAbsolutePath().normalize().toString());
		}
	}

	public ModelManifest withWeights(List<WeightFile> files) {
		return new ModelManifest(formatVersion, detector, settings, preprocessing, thresholds, training, files,
				references);
	}

	public ModelManifest withThresholds(Thresholds t) {
		return new ModelManifest(formatVersion, detector, settings, preprocessing, t, training, weights, references);
	}
}

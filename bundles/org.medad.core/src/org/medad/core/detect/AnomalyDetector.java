package org.medad.core.detect;

import org.medad.core.error.MedadException;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;

/**
 * A detection method, registered as a DS service by its own bundle. The UI and the batch application
 * find detectors only through the service registry (see {@link DetectorCatalog}).
 */
public interface AnomalyDetector {

	DetectorDescriptor descriptor();

	/** Every setting, with type, default, range and description: drives {@code --set} and the UI forms. */
	SettingsSchema settingsSchema();

	/**
	 * Fits the method to normal training slices.
	 *
	 * @param seed all randomness derives from it, so that a run can be repeated exactly
	 */
	TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor)
			throws MedadException;

	/**
	 * Fits the method, leaving checkpoints in {@code checkpoints} and continuing from its last one when it has one.
	 * Detectors that train in one pass keep the default, which ignores them.
	 */
	default TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor,
			TrainingCheckpoints checkpoints) throws MedadException {
		return train(normals, settings, seed, monitor);
	}

	/**
	 * Fits the method to a data set's training data: the normal slices and, for few-shot methods, the labelled shots.
	 * Detectors that learn from normal slices keep the default, which passes those on.
	 */
	default TrainedModel train(TrainingData data, Settings settings, long seed, ProgressMonitor monitor,
			TrainingCheckpoints checkpoints) throws MedadException {
		return train(data.normals(), settings, seed, monitor, checkpoints);
	}

	/**
	 * Settings for a quick run (tiny networks, few epochs) that still exercises every part of the method: used by the
	 * contract test every detector goes through and listed by {@code medad detectors --json}. Empty when the
	 * defaults are already quick.
	 */
	default java.util.Map<String, String> quickSettings() {
		return java.util.Map.of();
	}

	/**
	 * The input this detector takes with these settings (a method whose image size is a setting declares it here);
	 * the workflows run its preprocessing and record it in model.json. Default: the descriptor's.
	 */
	default InputSpec input(Settings settings) {
		return descriptor().input();
	}

	/** The values its image scores and map pixels take: thresholds read from a package must lie within them. */
	default ScoreRange scoreRange() {
		return ScoreRange.ANY;
	}

	/** Rebuilds a trained model from a verified package written for this detector. */
	TrainedModel load(ModelPackage model) throws MedadException;
}

package org.medad.core.detect;

import java.util.List;
import java.util.Map;

import org.medad.core.error.MedadException;
import org.medad.core.image.Volume;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;

/** A detector fitted to data, ready to score; what a model package holds once loaded. */
public interface TrainedModel extends AutoCloseable {

	DetectorDescriptor descriptor();

	Settings settings();

	/** Scores one 2D slice (any size; the model resamples as its preprocessing declares). */
	AnomalyResult score(Volume slice) throws MedadException;

	/** Scores several slices; detectors on a device override this to batch them. */
	default List<AnomalyResult> scoreBatch(List<Volume> slices) throws MedadException {
		var out = new java.util.ArrayList<AnomalyResult>(slices.size());
		for (Volume v : slices) {
			out.add(score(v));
		}
		return out;
	}

	/** The learned parameters, by name, as they go into the package's safetensors file. */
	Map<String, Tensor> weights();

	/**
	 * Where the model computes ("cpu", "gpu:0"), as run records report it; models that run in plain Java keep the
	 * default.
	 */
	default String device() {
		return "cpu";
	}

	/**
	 * The foundation weights (imported packages, {@link org.medad.core.model.ModelManifest.Reference#of}) the model was
	 * built on, recorded in model.json's references so that a run can be audited and repeated.
	 */
	default List<org.medad.core.model.ModelManifest.Reference> references() {
		return List.of();
	}

	/** The preprocessing the model applies, recorded in model.json. */
	default Map<String, Object> preprocessing() {
		return Map.of();
	}

	@Override
	default void close() {
	}
}

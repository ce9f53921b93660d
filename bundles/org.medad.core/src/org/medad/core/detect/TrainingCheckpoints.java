package org.medad.core.detect;

import java.util.Map;
import java.util.Optional;

import org.medad.core.error.MedadException;
import org.medad.core.model.Tensor;

/**
 * Where a long training run leaves a checkpoint at the end of each epoch (weights, optimiser state, the counters to go
 * on from) and where a resumed run finds the last one, so that {@code train --resume} continues exactly. Detectors that
 * fit in one pass ignore it.
 */
public interface TrainingCheckpoints {

	/**
	 * A run's state at an epoch boundary.
	 *
	 * @param weights       the model as its package would hold it (a checkpoint can be scored)
	 * @param preprocessing what the model applies, as {@link TrainedModel#preprocessing()}
	 * @param optimizer     optimiser state by name
	 * @param progress      counters (epoch, step, schedules) the detector needs to continue, JSON-compatible values
	 */
	record Checkpoint(Map<String, Tensor> weights, Map<String, Object> preprocessing, Map<String, Tensor> optimizer,
			Map<String, Object> progress) {
	}

	/** The checkpoint to continue from, or empty when the run starts fresh. */
	Optional<Checkpoint> resume() throws MedadException;

	/** Keeps {@code checkpoint}, replacing the previous one only once it is completely written. */
	void save(Checkpoint checkpoint) throws MedadException;

	/** No checkpoints: every run starts fresh and nothing is kept. */
	TrainingCheckpoints NONE = new TrainingCheckpoints() {
		@Override
		public Optional<Checkpoint> resume() {
			return Optional.empty();
		}

		@Override
		public void save(Checkpoint checkpoint) {
		}
	};
}

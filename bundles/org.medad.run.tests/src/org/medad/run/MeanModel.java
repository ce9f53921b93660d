package org.medad.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.TrainedModel;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;

/** Scores each slice by its mean and maps it to that mean; records the batch sizes it was given. */
final class MeanModel implements TrainedModel {
	final List<Integer> batches = new ArrayList<>();
	/** What {@link #references()} reports. */
	List<org.medad.core.model.ModelManifest.Reference> references = List.of();

	@Override
	public List<org.medad.core.model.ModelManifest.Reference> references() {
		return references;
	}

	@Override
	public DetectorDescriptor descriptor() {
		return null;
	}

	@Override
	public Settings settings() {
		return new Settings(Map.of());
	}

	@Override
	public AnomalyResult score(Volume slice) {
		float[] px = Images.toArray(slice.voxels());
		double sum = 0;
		for (float p : px) {
			sum += p;
		}
		float mean = (float) (sum / px.length);
		return new AnomalyResult(mean, new float[] { mean, mean, mean, mean }, 2, 2);
	}

	@Override
	public List<AnomalyResult> scoreBatch(List<Volume> slices) {
		batches.add(slices.size());
		List<AnomalyResult> out = new ArrayList<>();
		for (Volume v : slices) {
			out.add(score(v));
		}
		return out;
	}

	@Override
	public Map<String, Tensor> weights() {
		return Map.of("w", Tensor.of(new float[] { 1 }, 1));
	}
}

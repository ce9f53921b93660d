package org.medad.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.SetRelativeScores;
import org.medad.core.detect.TrainedModel;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;

/**
 * A slice's mean divided by the largest mean of the scored set: a score that depends on the whole set, as MVFA's
 * min-max normalisation does. Scored alone (without the set) it returns the raw mean, so a test sees which it got.
 */
final class RelativeMeanModel implements TrainedModel, SetRelativeScores {
	private final MeanModel mean = new MeanModel();

	@Override
	public List<float[]> parts(List<Volume> slices) {
		List<float[]> out = new ArrayList<>();
		for (Volume v : slices) {
			out.add(new float[] { mean.score(v).score() > 0 ? (float) mean.score(v).score() : 0f });
		}
		return out;
	}

	@Override
	public SetScorer finish(List<float[]> all) {
		float max = 0;
		for (float[] p : all) {
			max = Math.max(max, p[0]);
		}
		float top = max;
		return p -> {
			float s = top > 0 ? p[0] / top : 0;
			return new AnomalyResult(s, new float[] { s, s, s, s }, 2, 2);
		};
	}

	@Override
	public AnomalyResult score(Volume slice) {
		return mean.score(slice);
	}

	@Override
	public List<AnomalyResult> scoreBatch(List<Volume> slices) {
		return mean.scoreBatch(slices);
	}

	@Override
	public DetectorDescriptor descriptor() {
		return new DetectorDescriptor("relmean", "Relative mean", "1", org.medad.core.detect.LearnsFrom.NORMAL,
				new org.medad.core.detect.InputSpec("axial", 8), "");
	}

	@Override
	public Settings settings() {
		return mean.settings();
	}

	@Override
	public Map<String, Tensor> weights() {
		return mean.weights();
	}
}

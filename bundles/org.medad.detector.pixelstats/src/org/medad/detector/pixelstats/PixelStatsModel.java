package org.medad.detector.pixelstats;

import java.util.Map;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.TrainedModel;
import org.medad.core.image.GaussianBlur;
import org.medad.core.image.Volume;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;

/** Fitted per-pixel mean and standard deviation; the map is the smoothed absolute z-score. */
final class PixelStatsModel implements TrainedModel {
	private final DetectorDescriptor descriptor;
	private final Settings settings;
	private final float[] mean;
	private final float[] std;
	private final float scale;

	PixelStatsModel(DetectorDescriptor descriptor, Settings settings, float[] mean, float[] std, float scale) {
		this.descriptor = descriptor;
		this.settings = settings;
		this.mean = mean;
		this.std = std;
		this.scale = scale;
	}

	@Override
	public DetectorDescriptor descriptor() {
		return descriptor;
	}

	@Override
	public Settings settings() {
		return settings;
	}

	@Override
	public AnomalyResult score(Volume slice) {
		int size = settings.getInt(PixelStatsSettings.SIZE);
		float eps = (float) settings.getDouble(PixelStatsSettings.EPS);
		float[] x = new SliceNormaliser(size, scale).apply(slice);
		float[] z = new float[x.length];
		for (int i = 0; i < x.length; i++) {
			z[i] = Math.abs(x[i] - mean[i]) / (std[i] + eps);
		}
		float[] map = GaussianBlur.blur(z, size, size, settings.getDouble(PixelStatsSettings.SIGMA));
		double max = Double.NEGATIVE_INFINITY;
		for (float v : map) {
			max = Math.max(max, v);
		}
		return new AnomalyResult(max, map, size, size);
	}

	@Override
	public Map<String, Tensor> weights() {
		int size = settings.getInt(PixelStatsSettings.SIZE);
		return Map.of("mean", Tensor.of(mean, size, size), "std", Tensor.of(std, size, size), "scale",
				Tensor.of(new float[] { scale }, 1));
	}

	@Override
	public Map<String, Object> preprocessing() {
		int size = settings.getInt(PixelStatsSettings.SIZE);
		return Map.of("resize", "area to " + size + "x" + size, "intensityScale", scale);
	}
}

package org.medad.detector.pixelmedian;

import java.util.Arrays;
import java.util.Map;

import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.ScoreRange;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.GaussianBlur;
import org.medad.core.image.Images;
import org.medad.core.image.Resample;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.osgi.service.component.annotations.Component;

/**
 * Example detector for labs writing their own (docs/writing-a-detector.md): the per-pixel baseline with
 * robust statistics, median and MAD (scaled by 1.4826 to match a standard deviation under normality).
 * It is published on the update site in its own feature and left out of the products.
 */
@Component(service = AnomalyDetector.class)
public class PixelMedianDetector implements AnomalyDetector {
	static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor("pixelmedian",
			"Per-pixel median/MAD baseline (example)", "0.1.0", LearnsFrom.NORMAL, new InputSpec("axial", 64),
			"Per-pixel median and median absolute deviation of normal slices; map = smoothed robust z-score");
	static final SettingsSchema SCHEMA = SettingsSchema.of(
			SettingSpec.integer("size", 64, 8, 512, "Side in pixels to which every slice is resized"),
			SettingSpec.real("eps", 2.0, 1e-6, 1e6, "Floor added to the scaled MAD, in image intensity units"),
			SettingSpec.real("sigma", 1.0, 0, 16, "Gaussian smoothing of the anomaly map in pixels (0 = none)"));

	@Override
	public DetectorDescriptor descriptor() {
		return DESCRIPTOR;
	}

	/** Scores and maps are robust deviations from the median. */
	@Override
	public ScoreRange scoreRange() {
		return ScoreRange.NON_NEGATIVE;
	}

	@Override
	public SettingsSchema settingsSchema() {
		return SCHEMA;
	}

	@Override
	public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor)
			throws MedadException {
		int n = normals.size();
		if (n == 0) {
			throw new BadInputException("no training images: the median baseline needs at least one normal slice");
		}
		int size = settings.getInt("size");
		float[][] slices = new float[n][];
		monitor.begin("Reading training slices", n);
		for (int k = 0; k < n; k++) {
			monitor.checkCancelled();
			slices[k] = resized(normals.load(k), size);
			monitor.worked(1);
		}
		float[] median = new float[size * size];
		float[] mad = new float[size * size];
		float[] column = new float[n];
		for (int i = 0; i < median.length; i++) {
			for (int k = 0; k < n; k++) {
				column[k] = slices[k][i];
			}
			median[i] = median(column);
			for (int k = 0; k < n; k++) {
				column[k] = Math.abs(slices[k][i] - median[i]);
			}
			mad[i] = 1.4826f * median(column);
		}
		return new Model(settings, median, mad);
	}

	@Override
	public TrainedModel load(ModelPackage model) throws MedadException {
		Settings settings = SCHEMA.coerce(model.manifest().settings());
		int size = settings.getInt("size");
		Map<String, Tensor> w = model.tensors();
		return new Model(settings, ModelPackage.require(w, "median", size, size).data(),
				ModelPackage.require(w, "mad", size, size).data());
	}

	static float[] resized(Volume v, int size) {
		return Resample.area(Images.toArray(v.voxels()), v.width(), v.height(), size, size);
	}

	static float median(float[] values) {
		float[] s = values.clone();
		Arrays.sort(s);
		int m = s.length / 2;
		return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
	}

	/** Fitted median and scaled MAD per pixel. */
	record Model(Settings settings, float[] median, float[] mad) implements TrainedModel {
		@Override
		public DetectorDescriptor descriptor() {
			return DESCRIPTOR;
		}

		@Override
		public AnomalyResult score(Volume slice) {
			int size = settings.getInt("size");
			float eps = (float) settings.getDouble("eps");
			float[] x = resized(slice, size);
			for (int i = 0; i < x.length; i++) {
				x[i] = Math.abs(x[i] - median[i]) / (mad[i] + eps);
			}
			float[] map = GaussianBlur.blur(x, size, size, settings.getDouble("sigma"));
			double max = Double.NEGATIVE_INFINITY;
			for (float v : map) {
				max = Math.max(max, v);
			}
			return new AnomalyResult(max, map, size, size);
		}

		@Override
		public Map<String, Tensor> weights() {
			int size = settings.getInt("size");
			return Map.of("median", Tensor.of(median, size, size), "mad", Tensor.of(mad, size, size));
		}
	}
}

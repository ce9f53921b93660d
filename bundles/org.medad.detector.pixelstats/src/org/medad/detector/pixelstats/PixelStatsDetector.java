package org.medad.detector.pixelstats;

import java.util.Arrays;
import java.util.Map;

import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.ScoreRange;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.osgi.service.component.annotations.Component;

/**
 * The classical per-pixel Gaussian baseline: every pixel of the resized normal slices gets a mean and
 * standard deviation; a slice's map is |x - mean| / (std + eps), lightly smoothed, its score the maximum.
 * Cheap and deterministic, it proves the pipeline and stays as the floor the learned methods must beat.
 */
@Component(service = AnomalyDetector.class)
public class PixelStatsDetector implements AnomalyDetector {
	private static final int SCALE_SAMPLES = 64;
	static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor("pixelstats", "Per-pixel Gaussian baseline",
			"0.1.0", LearnsFrom.NORMAL, new InputSpec("axial", 128),
			"Per-pixel mean and standard deviation of normal slices; anomaly map = smoothed absolute z-score");

	@Override
	public DetectorDescriptor descriptor() {
		return DESCRIPTOR;
	}

	/** Scores and maps are absolute z-scores. */
	@Override
	public ScoreRange scoreRange() {
		return ScoreRange.NON_NEGATIVE;
	}

	@Override
	public SettingsSchema settingsSchema() {
		return PixelStatsSettings.SCHEMA;
	}

	@Override
	public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor)
			throws MedadException {
		int n = normals.size();
		if (n == 0) {
			throw new BadInputException("no training images: the baseline needs at least one normal slice");
		}
		int size = settings.getInt(PixelStatsSettings.SIZE);
		monitor.begin("Fitting per-pixel statistics", n + Math.min(n, SCALE_SAMPLES));
		float scale = intensityScale(normals, monitor);
		SliceNormaliser norm = new SliceNormaliser(size, scale);
		double[] mean = new double[size * size];
		double[] m2 = new double[size * size];
		for (int k = 0; k < n; k++) { // Welford: one pass, numerically stable
			monitor.checkCancelled();
			float[] x = norm.apply(normals.load(k));
			for (int i = 0; i < x.length; i++) {
				double d = x[i] - mean[i];
				mean[i] += d / (k + 1);
				m2[i] += d * (x[i] - mean[i]);
			}
			monitor.worked(1);
		}
		float[] meanF = new float[mean.length];
		float[] stdF = new float[mean.length];
		for (int i = 0; i < mean.length; i++) {
			meanF[i] = (float) mean[i];
			stdF[i] = (float) Math.sqrt(m2[i] / n);
		}
		return new PixelStatsModel(DESCRIPTOR, settings, meanF, stdF, scale);
	}

	/**
	 * The median over (up to 64 evenly spaced) training slices of their 99th intensity percentile, so maps
	 * and eps do not depend on the modality's units.
	 */
	private static float intensityScale(SliceSource normals, ProgressMonitor monitor) throws MedadException {
		int m = Math.min(normals.size(), SCALE_SAMPLES);
		double[] p99 = new double[m];
		for (int k = 0; k < m; k++) {
			monitor.checkCancelled();
			Volume v = normals.load((int) ((long) k * normals.size() / m));
			float[] px = Images.toArray(v.voxels());
			Arrays.sort(px);
			p99[k] = px[(int) (0.99 * (px.length - 1))];
			monitor.worked(1);
		}
		Arrays.sort(p99);
		float scale = (float) p99[p99.length / 2];
		return scale > 0 ? scale : 1f;
	}

	@Override
	public TrainedModel load(ModelPackage model) throws MedadException {
		Settings settings = PixelStatsSettings.SCHEMA.coerce(model.manifest().settings());
		int size = settings.getInt(PixelStatsSettings.SIZE);
		Map<String, Tensor> w = model.tensors();
		float[] mean = ModelPackage.require(w, "mean", size, size).data();
		float[] std = ModelPackage.require(w, "std", size, size).data();
		float scale = ModelPackage.require(w, "scale", 1).data()[0];
		return new PixelStatsModel(DESCRIPTOR, settings, mean, std, scale);
	}
}

package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.InstalledDetector;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.medad.io.format.StandardFormats;
import org.medad.phantom.PhantomDataset;

/**
 * Calibration: F1-max where valid holds anomalies (image) and lesion masks (pixel), a percentile of the
 * normal cases otherwise, never the minimum; the valid split's AUROC recorded, a model that ranks it
 * upside down named as such.
 */
class CalibrationTest {
	@TempDir
	Path tmp;

	/** Scores by the slice mean, or by its negative: the phantom's lesions are bright, so the negative inverts. */
	private static final class Signed implements AnomalyDetector {
		final float sign;

		Signed(float sign) {
			this.sign = sign;
		}

		@Override
		public DetectorDescriptor descriptor() {
			return new DetectorDescriptor("signed", "Signed mean", "1", LearnsFrom.NORMAL, new InputSpec("axial", 64), "");
		}

		@Override
		public SettingsSchema settingsSchema() {
			return SettingsSchema.of();
		}

		@Override
		public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor) {
			MeanModel mean = new MeanModel();
			return scoring(descriptor(), slice -> {
				AnomalyResult r = mean.score(slice);
				return new AnomalyResult(sign * r.score(), r.map(), 2, 2);
			});
		}

		@Override
		public TrainedModel load(ModelPackage model) {
			throw new UnsupportedOperationException();
		}
	}

	/** A model of {@code d} that scores with {@code score}, weighing what a {@link MeanModel} weighs. */
	private static TrainedModel scoring(DetectorDescriptor d, java.util.function.Function<Volume, AnomalyResult> score) {
		MeanModel mean = new MeanModel();
		return new TrainedModel() {
			@Override
			public DetectorDescriptor descriptor() {
				return d;
			}

			@Override
			public Settings settings() {
				return mean.settings();
			}

			@Override
			public AnomalyResult score(Volume slice) {
				return score.apply(slice);
			}

			@Override
			public Map<String, org.medad.core.model.Tensor> weights() {
				return mean.weights();
			}
		};
	}

	private static final class Statuses implements ProgressMonitor {
		final List<String> lines = new ArrayList<>();

		@Override
		public void begin(String task, int totalWork) {
		}

		@Override
		public void worked(int units) {
		}

		@Override
		public void status(String message) {
			lines.add(message);
		}

		@Override
		public boolean isCancelled() {
			return false;
		}
	}

	@Test
	void aModelThatRanksValidUpsideDownIsNamedAsSuch() throws Exception {
		Path data = tmp.resolve("data");
		new PhantomDataset(64, 4, 8, 2, 2, 5).write(data, ProgressMonitor.NULL);
		Statuses good = new Statuses();
		ModelPackage right = new TrainingRun(StandardFormats.create(), good)
				.run(new InstalledDetector(new Signed(1), "test", "1"), data, tmp.resolve("right"), Map.of(), 1);
		Statuses bad = new Statuses();
		ModelPackage wrong = new TrainingRun(StandardFormats.create(), bad)
				.run(new InstalledDetector(new Signed(-1), "test", "1"), data, tmp.resolve("wrong"), Map.of(), 1);
		String r = right.manifest().thresholds().method();
		String w = wrong.manifest().thresholds().method();
		assertTrue(r.matches("image: F1-max on valid \\(16 cases, F1 [0-9.]+, AUROC (0\\.[5-9][0-9]*|1\\.000)\\); pixel: .*"), r);
		assertTrue(w.matches(".*AUROC 0\\.[0-4][0-9]*\\); pixel: .*"), w);
		assertTrue(bad.lines.stream().anyMatch(l -> l.startsWith("warning: on valid this model scores anomalous cases"
				+ " below normal ones (image AUROC 0.")), bad.lines.toString());
		assertTrue(good.lines.stream().noneMatch(l -> l.contains("below normal ones")), good.lines.toString());
	}

	/** Scores a slice by its brightest pixel and maps it to its own intensities; remembers what it gave. */
	private static final class Bright implements AnomalyDetector {
		final List<Double> scores = new ArrayList<>();
		final List<float[]> maps = new ArrayList<>();

		@Override
		public DetectorDescriptor descriptor() {
			return new DetectorDescriptor("bright", "Brightest pixel", "1", LearnsFrom.NORMAL, new InputSpec("axial", 64),
					"");
		}

		@Override
		public SettingsSchema settingsSchema() {
			return SettingsSchema.of();
		}

		@Override
		public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor) {
			return scoring(descriptor(), slice -> {
				float[] px = org.medad.core.image.Images.toArray(slice.voxels());
				double max = Double.NEGATIVE_INFINITY;
				for (float p : px) {
					max = Math.max(max, p);
				}
				scores.add(max);
				maps.add(px.clone());
				return new AnomalyResult(max, px, slice.width(), slice.height());
			});
		}

		@Override
		public TrainedModel load(ModelPackage model) {
			throw new UnsupportedOperationException();
		}
	}

	@Test
	void withAnomaliesAndMasksBothThresholdsAreF1Optimal() throws Exception {
		Path data = tmp.resolve("data");
		new PhantomDataset(64, 4, 6, 2, 2, 5).write(data, ProgressMonitor.NULL);
		Bright d = new Bright();
		ModelPackage m = new TrainingRun(StandardFormats.create(), ProgressMonitor.NULL)
				.run(new InstalledDetector(d, "test", "1"), data, tmp.resolve("m"), Map.of(), 1);
		assertEquals(12, d.scores.size(), "each valid case scored once");
		boolean[] y = new boolean[12];
		for (int i = 0; i < 12; i++) {
			y[i] = i >= 6; // good/ before Ungood/
		}
		double[] s = d.scores.stream().mapToDouble(Double::doubleValue).toArray();
		assertEquals(org.medad.metrics.F1Max.of(s, y).threshold(), m.manifest().thresholds().image(), 0);
		assertNotNull(m.manifest().thresholds().pixel());
		assertTrue(m.manifest().thresholds().method().contains("; pixel: F1-max on valid masks (49152 pixels"),
				m.manifest().thresholds().method());
	}

	/** Normal-only valid: the P-th percentile of the normal scores and pixels, not the minimum (every case anomalous). */
	@Test
	void normalOnlyValidTakesAPercentileOfTheNormalCases() throws Exception {
		Path data = tmp.resolve("data");
		new PhantomDataset(64, 4, 6, 2, 2, 5).write(data, ProgressMonitor.NULL);
		Path normalOnly = tmp.resolve("normal-only");
		copyTree(data, normalOnly);
		deleteTree(normalOnly.resolve("valid/Ungood"));
		for (double p : new double[] { 99, 50 }) {
			Bright d = new Bright();
			ModelPackage m = new TrainingRun(StandardFormats.create(), ProgressMonitor.NULL).withThresholdPercentile(p)
					.run(new InstalledDetector(d, "test", "1"), normalOnly, tmp.resolve("m" + p), Map.of(), 1);
			double[] s = d.scores.stream().mapToDouble(Double::doubleValue).toArray();
			assertEquals(6, s.length);
			double image = m.manifest().thresholds().image();
			assertEquals(org.medad.metrics.Percentile.of(s, p), image, 1e-12);
			assertTrue(image > java.util.Arrays.stream(s).min().getAsDouble(), "not the degenerate minimum");
			double[] px = d.maps.stream().flatMapToDouble(a -> {
				double[] w = new double[a.length];
				for (int i = 0; i < a.length; i++) {
					w[i] = a[i];
				}
				return java.util.Arrays.stream(w);
			}).toArray();
			assertEquals(org.medad.metrics.Percentile.of(px, p), m.manifest().thresholds().pixel(), 1e-6);
			String method = m.manifest().thresholds().method();
			assertTrue(method.startsWith("image: " + (int) p + "th percentile of 6 normal cases on valid"), method);
			assertTrue(method.contains("pixel: " + (int) p + "th percentile of 24576 normal pixels"), method);
		}
	}

	private static void copyTree(Path from, Path to) throws java.io.IOException {
		try (var paths = java.nio.file.Files.walk(from)) {
			for (Path p : paths.toList()) {
				java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()));
			}
		}
	}

	private static void deleteTree(Path root) throws java.io.IOException {
		try (var paths = java.nio.file.Files.walk(root)) {
			for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				java.nio.file.Files.delete(p);
			}
		}
	}
}

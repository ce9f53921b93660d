package org.medad.run;

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

/** Calibration records the valid split's AUROC and warns when a model ranks it upside down. */
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
			return new TrainedModel() {
				@Override
				public DetectorDescriptor descriptor() {
					return Signed.this.descriptor();
				}

				@Override
				public Settings settings() {
					return mean.settings();
				}

				@Override
				public AnomalyResult score(Volume slice) {
					AnomalyResult r = mean.score(slice);
					return new AnomalyResult(sign * r.score(), r.map(), 2, 2);
				}

				@Override
				public Map<String, org.medad.core.model.Tensor> weights() {
					return mean.weights();
				}
			};
		}

		@Override
		public TrainedModel load(ModelPackage model) {
			throw new UnsupportedOperationException();
		}
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
		assertTrue(r.matches("image: F1-max on valid \\(16 cases, F1 [0-9.]+, AUROC 0\\.[5-9][0-9]*\\)|.*AUROC 1\\.000\\)"), r);
		assertTrue(w.matches(".*AUROC 0\\.[0-4][0-9]*\\)"), w);
		assertTrue(bad.lines.stream().anyMatch(l -> l.startsWith("warning: on valid this model scores anomalous cases"
				+ " below normal ones (image AUROC 0.")), bad.lines.toString());
		assertTrue(good.lines.stream().noneMatch(l -> l.contains("below normal ones")), good.lines.toString());
	}
}

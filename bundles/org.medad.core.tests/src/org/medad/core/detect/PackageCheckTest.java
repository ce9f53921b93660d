package org.medad.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;

/** A package's settings and thresholds are checked against the detector that opens it; a misfit is exit 4. */
class PackageCheckTest {
	@TempDir
	Path dir;

	private static final AnomalyDetector SIGMA_ONLY = new Fitted();

	private ModelPackage write(String id, Map<String, Object> settings, Double imageThreshold) throws Exception {
		var manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef(id, "1.0.0"),
				settings, Map.of(), new ModelManifest.Thresholds(imageThreshold, null, "test"), null, List.of(),
				List.of());
		return ModelPackage.write(dir.resolve(id + settings.hashCode() + imageThreshold), manifest,
				Map.of("w", Tensor.of(new float[] { 1 }, 1)));
	}

	@Test
	void aFittingPackageYieldsTypedSettings() throws Exception {
		Settings s = PackageCheck.check(SIGMA_ONLY, write("fitted", Map.of("sigma", 2.5), 0.7));
		assertEquals(2.5, s.getDouble("sigma"));
		assertEquals(3, s.getInt("size"), "missing settings take their default");
	}

	@Test
	void aSettingTheDetectorDoesNotDeclareIsAModelErrorNamingPackageAndDetector() throws Exception {
		ModelPackage pkg = write("fitted", Map.of("eps", 1e-6), 0.5);
		ModelException e = assertThrows(ModelException.class, () -> PackageCheck.open(SIGMA_ONLY, pkg));
		assertEquals(4, e.exitCode());
		assertTrue(e.getMessage().contains(pkg.folder().resolve("model.json").toString())
				&& e.getMessage().contains("detector 'fitted'") && e.getMessage().contains("'eps'"), e.getMessage());
	}

	@Test
	void valuesOutsideTheirRangeAreRefused() throws Exception {
		ModelException sigma = assertThrows(ModelException.class,
				() -> PackageCheck.check(SIGMA_ONLY, write("fitted", Map.of("sigma", -3.0), 0.5)));
		assertTrue(sigma.getMessage().contains("'sigma'") && sigma.getMessage().contains("outside"), sigma.getMessage());
		ModelException size = assertThrows(ModelException.class,
				() -> PackageCheck.check(SIGMA_ONLY, write("fitted", Map.of("size", 2.5), 0.5)));
		assertTrue(size.getMessage().contains("not an integer"), size.getMessage());
	}

	@Test
	void aThresholdOutsideTheScoreRangeIsRefused() throws Exception {
		ModelException e = assertThrows(ModelException.class,
				() -> PackageCheck.check(SIGMA_ONLY, write("fitted", Map.of(), -1000.0)));
		assertTrue(e.getMessage().contains("image threshold -1000.0") && e.getMessage().contains("[0.0, 1.0]"),
				e.getMessage());
		PackageCheck.check(SIGMA_ONLY, write("fitted", Map.of(), 1.0));
	}

	@Test
	void aPackageOfAnotherDetectorIsRefused() throws Exception {
		ModelException e = assertThrows(ModelException.class,
				() -> PackageCheck.check(SIGMA_ONLY, write("other", Map.of(), 0.5)));
		assertTrue(e.getMessage().contains("'other', not 'fitted'"), e.getMessage());
	}

	@Test
	void aUsageErrorWhileLoadingIsReportedAgainstThePackage() throws Exception {
		ModelPackage pkg = write("fitted", Map.of("sigma", 1.0), 0.5);
		ModelException e = assertThrows(ModelException.class, () -> PackageCheck.open(new Fitted() {
			@Override
			public TrainedModel load(ModelPackage model) throws UsageException {
				throw new UsageException("setting 'sigma': too small for this image size");
			}
		}, pkg));
		assertTrue(e.getMessage().startsWith(pkg.folder().resolve("model.json").toString()), e.getMessage());
	}

	private static class Fitted implements AnomalyDetector {
		@Override
		public DetectorDescriptor descriptor() {
			return new DetectorDescriptor("fitted", "Fitted", "1.0.0", LearnsFrom.NORMAL, new InputSpec("axial", 8), "");
		}

		@Override
		public SettingsSchema settingsSchema() {
			return SettingsSchema.of(SettingSpec.real("sigma", 1, 0, 10, "blur"),
					SettingSpec.integer("size", 3, 1, 64, "side"));
		}

		@Override
		public ScoreRange scoreRange() {
			return ScoreRange.UNIT;
		}

		@Override
		public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor) {
			throw new UnsupportedOperationException();
		}

		@Override
		public TrainedModel load(ModelPackage model) throws UsageException {
			return null;
		}
	}
}

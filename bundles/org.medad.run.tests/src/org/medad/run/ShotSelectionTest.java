package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.InstalledDetector;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.Shot;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.detect.TrainingData;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.detect.LabelledSet;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.medad.io.format.StandardFormats;
import org.medad.phantom.PhantomDataset;

/** A few-shot detector receives labelled shots of valid/ with their masks; a normal-only one does not. */
class ShotSelectionTest {
	@TempDir
	Path tmp;
	private Path data;

	/** Keeps the training data it was given; scores every slice by its mean. */
	private static final class Probe implements AnomalyDetector {
		final LearnsFrom learnsFrom;
		TrainingData seen;
		List<ModelManifest.Reference> references = List.of();

		Probe(LearnsFrom learnsFrom) {
			this.learnsFrom = learnsFrom;
		}

		@Override
		public DetectorDescriptor descriptor() {
			return new DetectorDescriptor("probe", "Probe", "1", learnsFrom, new InputSpec("axial", 64), "");
		}

		@Override
		public SettingsSchema settingsSchema() {
			return SettingsSchema.of();
		}

		@Override
		public TrainedModel train(TrainingData data, Settings settings, long seed, ProgressMonitor monitor,
				TrainingCheckpoints checkpoints) {
			seen = data;
			return train(data.normals(), settings, seed, monitor);
		}

		@Override
		public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor) {
			MeanModel m = new MeanModel();
			m.references = references;
			return m;
		}

		@Override
		public TrainedModel load(ModelPackage model) {
			throw new UnsupportedOperationException();
		}
	}

	@BeforeEach
	void phantom() throws Exception {
		data = tmp.resolve("data");
		new PhantomDataset(64, 6, 6, 2, 2, 9).write(data, ProgressMonitor.NULL);
	}

	private ModelPackage train(Probe probe, ShotSelection selection, long seed, String out) throws Exception {
		TrainingRun run = new TrainingRun(StandardFormats.create(), ProgressMonitor.NULL);
		if (selection != null) {
			run.withShots(selection);
		}
		return run.run(new InstalledDetector(probe, "test", "1"), data, tmp.resolve(out), Map.of(), seed);
	}

	@Test
	void aFewShotDetectorReceivesSeededShotsWithTheirMasks() throws Exception {
		Probe probe = new Probe(LearnsFrom.FEW_SHOT);
		ModelPackage pkg = train(probe, ShotSelection.seeded(2), 3, "m");
		TrainingData d = probe.seen;
		assertEquals(6, d.normals().size());
		assertEquals(2, d.normalShots().size());
		assertEquals(2, d.anomalousShots().size());
		for (Shot s : d.normalShots()) {
			assertTrue(s.id().startsWith("valid/good/"), s.id());
			assertNull(s.mask());
		}
		for (Shot s : d.anomalousShots()) {
			assertTrue(s.id().startsWith("valid/Ungood/"), s.id());
			assertNotNull(s.mask(), s.id() + " has its mask");
			float[] mask = Images.toArray(s.mask().voxels());
			assertEquals(Images.toArray(s.image().voxels()).length, mask.length);
			float max = 0;
			for (float v : mask) {
				max = Math.max(max, v);
			}
			assertTrue(max > 0, s.id() + ": the mask marks the lesion");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> shots = (Map<String, Object>) pkg.manifest().preprocessing().get("shots");
		assertEquals(d.normalShots().stream().map(Shot::id).toList(), shots.get("normal"));
		assertEquals("2 normal and 2 anomalous from valid, seeded", shots.get("selection"));
		assertTrue(pkg.manifest().thresholds().method().contains("(8 cases"), "the 4 shots are not calibrated on: "
				+ pkg.manifest().thresholds().method());

		Probe again = new Probe(LearnsFrom.FEW_SHOT);
		train(again, ShotSelection.seeded(2), 3, "m2");
		assertEquals(ids(d), ids(again.seen), "the same seed draws the same shots");
		Probe other = new Probe(LearnsFrom.FEW_SHOT);
		train(other, ShotSelection.seeded(2), 4, "m3");
		assertNotEquals(ids(d), ids(other.seen), "another seed draws others");
	}

	@Test
	void listedShotsAreExactlyThoseAndAnUnknownIdIsNamed() throws Exception {
		Probe probe = new Probe(LearnsFrom.FEW_SHOT);
		List<String> wanted = List.of("valid/Ungood/img/00001.png", "valid/good/img/00004.png");
		train(probe, ShotSelection.listed(wanted), 0, "m");
		assertEquals(List.of("valid/good/img/00004.png", "valid/Ungood/img/00001.png"), ids(probe.seen),
				"normal ones first");
		BadInputException e = assertThrows(BadInputException.class,
				() -> train(new Probe(LearnsFrom.FEW_SHOT), ShotSelection.listed(List.of("valid/good/img/99.png")), 0, "x"));
		assertTrue(e.getMessage().contains("valid/good/img/99.png") && e.getMessage().contains("does not hold"),
				e.getMessage());
	}

	@Test
	void theOfficialSeedListPicksCasesByFileNameFromIterationZero() throws Exception {
		Path seeds = tmp.resolve("2-shot.txt");
		java.nio.file.Files.writeString(seeds, "a-0: 00001.png\nn-0: 00004.png 00002.png\na-1: 00003.png\n");
		Probe probe = new Probe(LearnsFrom.FEW_SHOT);
		train(probe, ShotSelection.fromFile(seeds), 0, "m");
		assertEquals(List.of("valid/good/img/00002.png", "valid/good/img/00004.png", "valid/Ungood/img/00001.png"),
				ids(probe.seen), "iteration 0 only, normal ones first");
		java.nio.file.Files.writeString(seeds, "a-0: 00001.png\nshots: 00002.png\n");
		BadInputException e = assertThrows(BadInputException.class, () -> ShotSelection.fromFile(seeds));
		assertTrue(e.getMessage().contains("2-shot.txt") && e.getMessage().contains("shots: 00002.png"),
				e.getMessage());
	}

	@Test
	void aNormalOnlyDetectorGetsNoShots() throws Exception {
		Probe probe = new Probe(LearnsFrom.NORMAL);
		ModelPackage pkg = train(probe, ShotSelection.seeded(2), 3, "m");
		assertEquals(List.of(), probe.seen.shots());
		assertNull(pkg.manifest().preprocessing().get("shots"));
		assertTrue(pkg.manifest().thresholds().method().contains("(12 cases"), pkg.manifest().thresholds().method());
	}

	private static List<String> ids(TrainingData d) {
		return d.shots().stream().map(Shot::id).toList();
	}

	@Test
	void otherDataSetsArriveLabelledWithTheirMasksAndAreRecorded() throws Exception {
		Path other = tmp.resolve("other");
		new PhantomDataset(48, 4, 2, 3, 3, 11).write(other, ProgressMonitor.NULL);
		Probe probe = new Probe(LearnsFrom.NORMAL);
		ModelPackage pkg = new TrainingRun(StandardFormats.create(), ProgressMonitor.NULL)
				.withOthers(List.of(other), "test")
				.run(new InstalledDetector(probe, "test", "1"), data, tmp.resolve("m"), Map.of(), 3);
		assertEquals(1, probe.seen.others().size());
		LabelledSet set = probe.seen.others().get(0);
		assertEquals("other", set.name());
		assertEquals(6, set.cases().size(), "the test split: 3 normal and 3 anomalous");
		int anomalous = 0;
		for (int i = 0; i < set.cases().size(); i++) {
			assertTrue(set.cases().id(i).startsWith("other/test/"), set.cases().id(i));
			assertEquals(48, set.cases().load(i).width());
			if (set.cases().anomalous(i)) {
				anomalous++;
				float max = 0;
				for (float v : Images.toArray(set.cases().mask(i).voxels())) {
					max = Math.max(max, v);
				}
				assertTrue(max > 0, set.cases().id(i) + ": its mask marks the lesion");
			} else {
				assertNull(set.cases().mask(i));
			}
		}
		assertEquals(3, anomalous);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> recorded = (List<Map<String, Object>>) pkg.manifest().preprocessing().get("others");
		assertEquals("other", recorded.get(0).get("name"));
		assertEquals(6.0, ((Number) recorded.get(0).get("cases")).doubleValue());
		assertEquals(3.0, ((Number) recorded.get(0).get("anomalous")).doubleValue());

		BadInputException e = assertThrows(BadInputException.class, () -> new TrainingRun(StandardFormats.create(),
				ProgressMonitor.NULL).withOthers(List.of(other), "holdout").run(new InstalledDetector(
						new Probe(LearnsFrom.NORMAL), "test", "1"), data, tmp.resolve("m2"), Map.of(), 3));
		assertTrue(e.getMessage().contains("other") && e.getMessage().contains("no holdout split"), e.getMessage());
	}

	@Test
	void theFoundationWeightsAModelBuildsOnAreItsReferences() throws Exception {
		ModelPackage foundation = ModelPackage.write(tmp.resolve("dinov2"), new ModelManifest(
				ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef("foundation", "tiny"), Map.of(), Map.of(),
				null, new ModelManifest.Training(0, "", 0, 0, "test", "cpu", 0, null), List.of(), List.of()),
				Map.of("w", org.medad.core.model.Tensor.of(new float[] { 1 }, 1)));
		Probe probe = new Probe(LearnsFrom.NORMAL);
		probe.references = List.of(ModelManifest.Reference.of(foundation));
		ModelPackage pkg = train(probe, null, 1, "m");
		ModelManifest.Reference r = ModelPackage.read(pkg.folder()).manifest().references().get(0);
		assertEquals("dinov2", r.name());
		assertEquals(foundation.sha256(), r.sha256());
		assertEquals(tmp.resolve("dinov2").toAbsolutePath().normalize().toString(), r.path());
	}
}

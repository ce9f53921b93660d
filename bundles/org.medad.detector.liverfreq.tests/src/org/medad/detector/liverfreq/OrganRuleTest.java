package org.medad.detector.liverfreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.write.PngFiles;

/** Organ masks from a folder (paired by file name, empty ones skipped and counted) and the CT window in HU. */
class OrganRuleTest {
	private static final int N = 64;

	@BeforeAll
	static void service() throws Exception {
		LiverFreqTrainingTest.service();
	}

	/** Slices named {@code sliceK.png} filled with {@code value} everywhere (no zero background). */
	private static SliceSource uniform(int count, float value) {
		List<Volume> vols = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			float[] px = new float[N * N];
			java.util.Arrays.fill(px, value + i);
			vols.add(Volume.ofPixels("/data/train/good/img/slice" + i + ".png", Images.wrap(px, N, N)));
		}
		return SliceSource.of(vols);
	}

	private static void writeMasks(Path dir, int count, int emptyIndex) throws Exception {
		Files.createDirectories(dir);
		for (int i = 0; i < count; i++) {
			float[] m = new float[N * N];
			if (i != emptyIndex) {
				for (int y = 0; y < N; y++) {
					for (int x = 0; x < N / 2; x++) {
						m[y * N + x] = 255; // organ = left half
					}
				}
			}
			PngFiles.writeGrey(m, N, N, dir.resolve("slice" + i + ".png"));
		}
	}

	@Test
	void maskFolderRestrictsTheOrganAndSkipsEmptyMasks(@TempDir Path tmp) throws Exception {
		writeMasks(tmp.resolve("masks"), 5, 3);
		var settings = LiverFreqTrainingTest.tiny(Map.of("epochs", 1, "organMasks", tmp.resolve("masks").toString()));
		TrainingSet set = TrainingSet.load(uniform(5, 100), LiverFreqConfig.of(settings),
				new OrganMasks(tmp.resolve("masks"), LiverFreqTrainingTest.formats()), ProgressMonitor.NULL);
		assertEquals(4, set.planes.size());
		assertEquals(1, set.skippedEmpty, "the slice with an empty mask is skipped and counted");
		float[] plane = set.planes.get(0); // 32x32, organ = left half
		assertTrue(plane[5 * 32 + 3] > 0.5f, "inside the organ");
		assertEquals(0f, plane[5 * 32 + 28], "outside the organ: 0, so pseudo-lesions never land there");

		try (TrainedModel m = LiverFreqTrainingTest.detector.train(uniform(5, 100), settings, 1, ProgressMonitor.NULL)) {
			@SuppressWarnings("unchecked")
			Map<String, Object> record = (Map<String, Object>) m.preprocessing().get("training");
			assertEquals(1, record.get("skippedEmptyOrgan"));
			assertTrue(record.get("organ").toString().contains("masks from"), record.toString());
		}
	}

	@Test
	void missingMaskIsNamed(@TempDir Path tmp) throws Exception {
		writeMasks(tmp.resolve("masks"), 2, -1);
		var settings = LiverFreqTrainingTest.tiny(Map.of("epochs", 1, "organMasks", tmp.resolve("masks").toString()));
		BadInputException e = assertThrows(BadInputException.class,
				() -> LiverFreqTrainingTest.detector.train(uniform(3, 100), settings, 1, ProgressMonitor.NULL));
		assertEquals(3, e.exitCode());
		assertTrue(e.getMessage().contains(tmp.resolve("masks").resolve("slice2.png").toString())
				&& e.getMessage().contains("no organ mask"), e.getMessage());
		BadInputException folder = assertThrows(BadInputException.class,
				() -> LiverFreqTrainingTest.detector.train(uniform(3, 100), LiverFreqTrainingTest.tiny(Map.of(
						"organMasks", tmp.resolve("nowhere").toString())), 1, ProgressMonitor.NULL));
		assertTrue(folder.getMessage().contains("nowhere"), folder.getMessage());
	}

	@Test
	void ctWindowMapsHounsfieldUnits() throws Exception {
		var settings = LiverFreqTrainingTest.tiny(Map.of("window", "-200,250"));
		LiverFreqConfig c = LiverFreqConfig.of(settings);
		// 25 HU (the window's middle) → 0.5; the scale stays 1 since the window already gives [0, 1]
		TrainingSet set = TrainingSet.load(uniform(2, 25), c, null, ProgressMonitor.NULL);
		assertEquals(1f, set.scale);
		assertEquals(0.5f, set.planes.get(0)[0], 1e-6f);
		assertEquals(26 + 200, (set.planes.get(1)[0]) * 450, 1e-3, "slice 1 holds 26 HU");
		TrainingSet clipped = TrainingSet.load(uniform(1, 1000), c, null, ProgressMonitor.NULL);
		assertEquals(1f, clipped.planes.get(0)[0], "above the window: 1");
		var bad = assertThrows(org.medad.core.error.UsageException.class, () -> LiverFreqTrainingTest.detector.train(
				uniform(2, 25), LiverFreqTrainingTest.tiny(Map.of("window", "soft tissue")), 1, ProgressMonitor.NULL));
		// refused by the setting's type now, before training starts, naming the setting
		assertTrue(bad.getMessage().contains("setting 'window'") && bad.getMessage().contains("'lower,upper'"),
				bad.getMessage());
	}
}

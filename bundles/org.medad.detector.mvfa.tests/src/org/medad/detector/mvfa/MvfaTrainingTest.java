package org.medad.detector.mvfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medad.compute.ComputeService;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.SetRelativeScores;
import org.medad.core.detect.Shot;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.detect.TrainingData;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.testing.MemoryCheckpoints;
import org.medad.testing.Services;

/**
 * Training and scoring with the tiny random-weight CLIP: only the adapters learn, seeded runs repeat, a resumed run
 * equals the unbroken one, scores over a set are min-max normalised, and the refusals name what is missing.
 */
class MvfaTrainingTest {
	static final int SIDE = MvfaDetector.SIDE;
	static MvfaDetector detector;

	@BeforeAll
	static void service() throws Exception {
		detector = new MvfaDetector(Services.get(ComputeService.class));
	}

	static Settings tiny(Map<String, String> extra) throws Exception {
		Map<String, String> s = new HashMap<>(detector.quickSettings());
		s.putAll(extra);
		return MvfaSettings.SCHEMA.parse(s);
	}

	/** RGB in [0, 1] as the declared input makes it: a soft disc, anomalous ones with a bright spot and its mask. */
	static Volume image(String id, long seed, boolean lesion) {
		Random r = new Random(seed);
		double cx = SIDE * (0.4 + 0.2 * r.nextDouble());
		double cy = SIDE * (0.4 + 0.2 * r.nextDouble());
		float[] v = new float[3 * SIDE * SIDE];
		for (int c = 0; c < 3; c++) {
			for (int y = 0; y < SIDE; y++) {
				for (int x = 0; x < SIDE; x++) {
					double d = Math.hypot(x - SIDE / 2.0, y - SIDE / 2.0) / SIDE;
					double u = 0.6 * Math.exp(-d * d * 6) + (lesion && Math.hypot(x - cx, y - cy) < 18 ? 0.35 : 0);
					v[(c * SIDE + y) * SIDE + x] = (float) Math.min(1, u + 0.02 * r.nextGaussian());
				}
			}
		}
		return new Volume(id, Images.wrap(v, SIDE, SIDE, 3), Geometry.pixels(2), 3, "OT", Map.of());
	}

	static Volume mask(Volume image, long seed) {
		Random r = new Random(seed);
		double cx = SIDE * (0.4 + 0.2 * r.nextDouble());
		double cy = SIDE * (0.4 + 0.2 * r.nextDouble());
		float[] m = new float[SIDE * SIDE];
		for (int y = 0; y < SIDE; y++) {
			for (int x = 0; x < SIDE; x++) {
				m[y * SIDE + x] = Math.hypot(x - cx, y - cy) < 18 ? 255 : 0;
			}
		}
		return new Volume(image.source() + "-mask", Images.wrap(m, SIDE, SIDE), Geometry.pixels(2), 1, "SEG", Map.of());
	}

	static TrainingData shots() {
		List<Shot> shots = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			shots.add(new Shot("n" + i, image("n" + i, i, false), false, null));
		}
		for (int i = 0; i < 2; i++) {
			Volume a = image("a" + i, 10 + i, true);
			shots.add(new Shot("a" + i, a, true, mask(a, 10 + i)));
		}
		return new TrainingData(SliceSource.of(List.of()), shots, "test shots");
	}

	static TrainedModel train(Settings s, long seed, TrainingCheckpoints c) throws Exception {
		return detector.train(shots(), s, seed, ProgressMonitor.NULL, c);
	}

	@Test
	void onlyTheAdaptersLearnAndSeededRunsRepeat() throws Exception {
		Map<String, Tensor> before;
		Map<String, Tensor> after;
		Map<String, Tensor> again;
		try (TrainedModel m = train(tiny(Map.of("epochs", "0")), 5, TrainingCheckpoints.NONE)) {
			before = m.weights();
		}
		try (TrainedModel m = train(tiny(Map.of()), 5, TrainingCheckpoints.NONE)) {
			after = m.weights();
		}
		try (TrainedModel m = train(tiny(Map.of()), 5, TrainingCheckpoints.NONE)) {
			again = m.weights();
		}
		int changed = 0;
		for (String k : before.keySet()) {
			boolean same = java.util.Arrays.equals(before.get(k).data(), after.get(k).data());
			if (k.startsWith("visual.")) {
				assertTrue(same, k + " is frozen");
			} else if (k.contains("_adapters.") && !same) {
				changed++;
			}
			assertArrayEquals(after.get(k).data(), again.get(k).data(), k + " repeats with the seed");
		}
		// every adapter weight learns except the last level's fc2 in both heads: nothing reads it
		assertEquals(14, changed, "adapter tensors that learnt");
		assertTrue(after.containsKey("text_features") && after.containsKey("bank.0"), after.keySet().toString());
		assertEquals(11 * 2 * 290, after.get("bank.3").shape()[0], "bank: 11 variants of 2 normal shots, all tokens");
	}

	@Test
	void aResumedRunEqualsTheUnbrokenOne() throws Exception {
		Map<String, Tensor> unbroken;
		try (TrainedModel m = train(tiny(Map.of("epochs", "2")), 9, TrainingCheckpoints.NONE)) {
			unbroken = m.weights();
		}
		MemoryCheckpoints kept = new MemoryCheckpoints();
		try (TrainedModel m = train(tiny(Map.of("epochs", "1")), 9, kept)) {
			assertEquals(1, kept.saved.size(), "a checkpoint after epoch 1");
		}
		kept.resumeFrom = kept.last();
		try (TrainedModel m = train(tiny(Map.of("epochs", "2")), 9, kept)) {
			Map<String, Tensor> resumed = m.weights();
			for (String k : unbroken.keySet()) {
				assertArrayEquals(unbroken.get(k).data(), resumed.get(k).data(), 1e-6f, k);
			}
		}
	}

	@Test
	void scoresOverASetAreMinMaxedAndAloneStayInTheirRange() throws Exception {
		try (TrainedModel m = train(tiny(Map.of("dataset", "chest")), 3, TrainingCheckpoints.NONE)) {
			SetRelativeScores set = (SetRelativeScores) m;
			List<Volume> two = List.of(image("q0", 100, false), image("q1", 101, true));
			SetRelativeScores.SetScorer scorer = set.finish(set.parts(two));
			List<float[]> parts = set.parts(two);
			double a = scorer.result(parts.get(0)).score();
			double b = scorer.result(parts.get(1)).score();
			// each part maps one image to 0 and the other to 1: the half sums are 0, 0.5 or 1 and add up to 1
			assertEquals(1.0, a + b, 1e-6);
			assertTrue(a == 0 || a == 0.5 || a == 1, "score " + a);
			for (AnomalyResult r : m.scoreBatch(two)) {
				assertTrue(r.score() >= 0 && r.score() <= 1, "alone: " + r.score());
				assertEquals(SIDE * SIDE, r.map().length);
			}
		}
		try (TrainedModel m = train(tiny(Map.of("dataset", "brain")), 3, TrainingCheckpoints.NONE)) {
			SetRelativeScores set = (SetRelativeScores) m;
			List<Volume> three = List.of(image("q0", 100, false), image("q1", 101, true), image("q2", 102, true));
			List<float[]> parts = set.parts(three);
			SetRelativeScores.SetScorer scorer = set.finish(parts);
			float lo = Float.POSITIVE_INFINITY;
			float hi = Float.NEGATIVE_INFINITY;
			for (float[] p : parts) {
				AnomalyResult r = scorer.result(p);
				float top = Float.NEGATIVE_INFINITY;
				for (float v : r.map()) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
					top = Math.max(top, v);
				}
				assertEquals(top, r.score(), 1e-6, "pixel branch: the score is the map's maximum");
			}
			assertTrue(lo >= 0 && hi <= 1 && hi > lo, lo + " .. " + hi);
		}
	}

	@Test
	void refusalsNameWhatIsMissing() throws Exception {
		ModelException noClip = assertThrows(ModelException.class,
				() -> train(MvfaSettings.SCHEMA.parse(Map.of("preset", "paper")), 1, TrainingCheckpoints.NONE));
		assertTrue(noClip.getMessage().contains("medad models import --from openai-clip"), noClip.getMessage());
		UsageException noOthers = assertThrows(UsageException.class,
				() -> train(tiny(Map.of("protocol", "zero-shot")), 1, TrainingCheckpoints.NONE));
		assertTrue(noOthers.getMessage().contains("--also"), noOthers.getMessage());
		UsageException noShots = assertThrows(UsageException.class, () -> detector.train(
				new TrainingData(SliceSource.of(List.of()), List.of(), "none"), tiny(Map.of()), 1, ProgressMonitor.NULL,
				TrainingCheckpoints.NONE));
		assertTrue(noShots.getMessage().contains("--shots"), noShots.getMessage());
		assertFalse(MvfaConfig.of(tiny(Map.of())).pixelBranch() == MvfaConfig.of(tiny(Map.of("dataset", "chest")))
				.pixelBranch());
	}
}

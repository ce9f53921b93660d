package org.medad.detector.qfae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.Channels;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.CancelledException;
import org.medad.core.error.ModelException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.testing.MemoryCheckpoints;
import org.medad.core.settings.Settings;

/**
 * Training on the shared loop with the tiny random-weight preset: only the projection, Q-Former and decoder learn,
 * seeded runs repeat, a resumed run equals the unbroken one, and the paper preset refuses to start without its
 * foundation weights.
 */
class QfaeTrainingTest {
	static QfaeDetector detector;

	@BeforeAll
	static void service() throws Exception {
		detector = (QfaeDetector) QfaeTesting.service(AnomalyDetector.class);
	}

	static Settings tiny(Map<String, Object> extra) throws Exception {
		Map<String, String> s = new HashMap<>(detector.quickSettings());
		s.put("batch", "4");
		extra.forEach((k, v) -> s.put(k, String.valueOf(v)));
		return QfaeSettings.SCHEMA.parse(s);
	}

	/** Normalised RGB slices as the declared input makes them: smooth blobs on a dark ground. */
	static SliceSource slices(int n) {
		List<Volume> out = new ArrayList<>();
		Random r = new Random(42);
		int side = QfaeDetector.SIDE;
		for (int i = 0; i < n; i++) {
			float[] v = new float[3 * side * side];
			double cx = side * (0.3 + 0.4 * r.nextDouble());
			double cy = side * (0.3 + 0.4 * r.nextDouble());
			for (int c = 0; c < 3; c++) {
				for (int y = 0; y < side; y++) {
					for (int x = 0; x < side; x++) {
						double d = Math.hypot(x - cx, y - cy) / side;
						double u = Math.exp(-d * d * 8) * (0.8 + 0.1 * c);
						v[(c * side + y) * side + x] = (float) ((u - 0.449) / 0.226);
					}
				}
			}
			out.add(new Volume("blob" + i, Images.wrap(v, side, side, 3), Geometry.pixels(2), 3, "OT", Map.of()));
		}
		return SliceSource.of(out);
	}

	static ProgressMonitor cancelAfter(int steps) {
		return new ProgressMonitor() {
			int done;
			boolean training;

			@Override
			public void begin(String task, int total) {
				training = task.startsWith("Training");
			}

			@Override
			public void worked(int units) {
				done += training ? units : 0;
			}

			@Override
			public void status(String message) {
			}

			@Override
			public boolean isCancelled() {
				return training && done >= steps;
			}
		};
	}

	@Test
	void onlyTheBottleneckAndDecoderLearnAndSeededRunsRepeat() throws Exception {
		Settings s = tiny(Map.of("epochs", 1));
		Map<String, Tensor> first;
		Map<String, Tensor> second;
		Map<String, Tensor> initial;
		try (TrainedModel m = detector.train(slices(8), s, 9, ProgressMonitor.NULL)) {
			first = m.weights();
			AnomalyResult r = m.score(slices(1).load(0));
			assertEquals(QfaeDetector.SIDE, r.mapWidth());
			assertTrue(Double.isFinite(r.score()) && r.score() >= 0, "score " + r.score());
			@SuppressWarnings("unchecked")
			Map<String, Object> t = (Map<String, Object>) m.preprocessing().get("training");
			assertEquals(2, t.get("steps"), "8 images at batch 4, last incomplete batch dropped: 2 steps");
			assertTrue(String.valueOf(m.preprocessing().get("weights")).contains("random"));
		}
		try (TrainedModel m = detector.train(slices(8), s, 9, ProgressMonitor.NULL)) {
			second = m.weights();
		}
		try (TrainedModel m = detector.train(slices(8), tiny(Map.of("epochs", 1, "lr", 1e-9)), 9,
				ProgressMonitor.NULL)) {
			initial = m.weights();
		}
		assertEquals(first.keySet(), second.keySet());
		first.forEach((k, v) -> assertArrayEquals(v.data(), second.get(k).data(), 0f, "seeded repeat: " + k));
		for (String k : first.keySet()) {
			boolean frozen = k.startsWith("encoders.0.model.") || k.startsWith("perceptual.")
					|| k.equals("decoder.decoder_pos_embed");
			boolean moved = !Arrays.equals(first.get(k).data(), initial.get(k).data());
			if (frozen) {
				assertFalse(moved, "frozen tensor changed in training: " + k);
			}
		}
		assertFalse(Arrays.equals(first.get("junction.queries").data(), initial.get("junction.queries").data()),
				"the Q-Former's queries learn");
		assertFalse(Arrays.equals(first.get("decoder.decoder_prediction.weight").data(),
				initial.get("decoder.decoder_prediction.weight").data()), "the decoder learns");
	}

	@Test
	void resumedRunEqualsUnbrokenRun() throws Exception {
		Settings s = tiny(Map.of("epochs", 2));
		MemoryCheckpoints unbroken = new MemoryCheckpoints();
		Map<String, Tensor> expected;
		try (TrainedModel m = detector.train(slices(8), s, 4, ProgressMonitor.NULL, unbroken)) {
			expected = m.weights();
		}
		MemoryCheckpoints broken = new MemoryCheckpoints();
		assertThrows(CancelledException.class, () -> detector.train(slices(8), s, 4, cancelAfter(3), broken));
		assertEquals(1, broken.saved.size());
		broken.resumeFrom = broken.saved.get(0);
		try (TrainedModel m = detector.train(slices(8), s, 4, ProgressMonitor.NULL, broken)) {
			Map<String, Tensor> got = m.weights();
			expected.forEach((k, v) -> assertArrayEquals(v.data(), got.get(k).data(), 0f, "resumed: " + k));
		}
	}

	@Test
	void cachedEncodingsTrainAsRecomputedOnes() throws Exception {
		Map<String, Tensor> cached;
		Map<String, Tensor> again;
		Map<String, Tensor> recomputed;
		try (TrainedModel m = detector.train(slices(8), tiny(Map.of("epochs", 2, "augment", false)), 6,
				ProgressMonitor.NULL)) {
			cached = m.weights();
		}
		try (TrainedModel m = detector.train(slices(8), tiny(Map.of("epochs", 2, "augment", false)), 6,
				ProgressMonitor.NULL)) {
			again = m.weights();
		}
		try (TrainedModel m = detector.train(slices(8), tiny(Map.of("epochs", 2, "augment", false,
				"featureCacheMB", 0)), 6, ProgressMonitor.NULL)) {
			recomputed = m.weights();
		}
		for (String k : cached.keySet()) {
			float[] a = cached.get(k).data();
			assertArrayEquals(a, again.get(k).data(), 0f, "repeat: " + k);
			float[] b = recomputed.get(k).data();
			for (int i = 0; i < a.length; i++) {
				assertEquals(b[i], a[i], 1e-4, "cached vs batch-encoded (rounding only): " + k);
			}
		}
	}

	@Test
	void aLargeBatchIsScoredInPassesAsEachImageAlone() throws Exception {
		try (TrainedModel m = detector.train(slices(4), tiny(Map.of("epochs", 1)), 3, ProgressMonitor.NULL)) {
			SliceSource cases = slices(QfaeModel.PASS + 3);
			List<Volume> all = new ArrayList<>();
			for (int i = 0; i < cases.size(); i++) {
				all.add(cases.load(i));
			}
			List<AnomalyResult> batch = m.scoreBatch(all);
			assertEquals(all.size(), batch.size());
			for (int i : new int[] { 0, QfaeModel.PASS - 1, QfaeModel.PASS, all.size() - 1 }) {
				AnomalyResult alone = m.score(all.get(i));
				assertEquals(alone.score(), batch.get(i).score(), 1e-5 * Math.abs(alone.score()), "image " + i);
				assertArrayEquals(alone.map(), batch.get(i).map(), 1e-5f, "image " + i);
			}
		}
	}

	@Test
	void theAblationsTrainAndScore() throws Exception {
		try (TrainedModel m = detector.train(slices(4), tiny(Map.of("epochs", 1, "bottleneck", "none", "loss", "l1")),
				2, ProgressMonitor.NULL)) {
			Map<String, Tensor> w = m.weights();
			assertFalse(w.keySet().stream().anyMatch(k -> k.startsWith("junction.")), "no Q-Former");
			assertEquals(16 * 16, w.get("decoder.decoder_pos_embed").shape()[1], "decoder on the encoder's 16x16 grid");
			assertEquals(14 * 14 * 3, w.get("decoder.decoder_prediction.weight").shape()[0], "patch 14 pixels");
			AnomalyResult r = m.score(slices(1).load(0));
			assertTrue(Double.isFinite(r.score()) && r.score() > 0, "L1 score " + r.score());
		}
		float[] code;
		try (TrainedModel m = detector.train(slices(4), tiny(Map.of("epochs", 1, "lr", 1e-9)), 2, ProgressMonitor.NULL)) {
			code = m.score(slices(1).load(0)).map();
		}
		try (TrainedModel m = detector.train(slices(4), tiny(Map.of("epochs", 1, "lr", 1e-9, "qformerStyle", "blip2")),
				2, ProgressMonitor.NULL)) {
			float[] blip2 = m.score(slices(1).load(0)).map();
			assertFalse(Arrays.equals(code, blip2), "residual connections change the reconstruction");
		}
	}

	@Test
	void aPackageWhoseWeightsDoNotFitItsSettingsSaysWhatDiffers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
			throws Exception {
		Map<String, Tensor> tinyWeights;
		try (TrainedModel m = detector.train(slices(4), tiny(Map.of("epochs", 1)), 1, ProgressMonitor.NULL)) {
			tinyWeights = m.weights();
		}
		ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef("qfae",
				"0.1.0"), QfaeSettings.SCHEMA.parse(Map.of("preset", "cpu")).values(), Map.of(), null,
				new ModelManifest.Training(0, "", 0, 0, "test", "cpu", 0, null), List.of(), List.of());
		ModelPackage pkg = ModelPackage.write(tmp.resolve("pkg"), manifest, tinyWeights);
		ModelException e = assertThrows(ModelException.class, () -> detector.load(ModelPackage.read(pkg.folder())));
		assertEquals(4, e.exitCode());
		assertTrue(e.getMessage().contains("mis-shaped key") && e.getMessage().contains("encoders.0.model.cls_token"),
				e.getMessage());
	}

	/** A foundation package as `medad models import` writes one, holding {@code weights} under timm's names. */
	static ModelPackage foundation(java.nio.file.Path dir, Map<String, Tensor> weights) throws Exception {
		ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef(
				"foundation", "test"), Map.of("kind", "foundation"), Map.of(), null,
				new ModelManifest.Training(0, "", 0, 0, "test", "cpu", 0, null), List.of(), List.of());
		return ModelPackage.write(dir, manifest, weights);
	}

	@Test
	void trainingStartsFromImportedFoundationWeightsAndKeepsThemFrozen(
			@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
		Map<String, Tensor> donor;
		try (TrainedModel m = detector.train(slices(4), tiny(Map.of("epochs", 1)), 77, ProgressMonitor.NULL)) {
			donor = m.weights();
		}
		Map<String, Tensor> encoder = new java.util.LinkedHashMap<>();
		Map<String, Tensor> mae = new java.util.LinkedHashMap<>();
		donor.forEach((k, v) -> {
			if (k.startsWith("encoders.0.model.")) {
				encoder.put(k.substring("encoders.0.model.".length()), v);
			} else if (k.startsWith("perceptual.")) {
				mae.put(k.substring("perceptual.".length()), v);
			}
		});
		mae.put("norm.weight", Tensor.of(new float[16], 16)); // a full MAE file's final norm: not used, left out
		ModelPackage enc = foundation(tmp.resolve("enc"), encoder);
		ModelPackage per = foundation(tmp.resolve("mae"), mae);
		Settings s = tiny(Map.of("epochs", 1, "init", "imported", "encoder", enc.folder().toString(), "perceptual",
				per.folder().toString()));
		try (TrainedModel m = detector.train(slices(4), s, 5, ProgressMonitor.NULL)) {
			Map<String, Tensor> w = m.weights();
			encoder.forEach((k, v) -> assertArrayEquals(v.data(), w.get("encoders.0.model." + k).data(), 0f, k));
			mae.forEach((k, v) -> {
				if (!k.startsWith("norm.")) {
					assertArrayEquals(v.data(), w.get("perceptual." + k).data(), 0f, k);
				}
			});
			assertEquals(2, m.references().size(), "both foundation packages recorded");
			assertFalse(String.valueOf(m.preprocessing().get("weights")).contains("random"));
		}
	}

	@Test
	void thePaperPresetNeedsImportedFoundationWeights() throws Exception {
		Settings s = QfaeSettings.SCHEMA.parse(Map.of("epochs", "1"));
		ModelException e = assertThrows(ModelException.class, () -> detector.train(slices(2), s, 1,
				ProgressMonitor.NULL));
		assertEquals(4, e.exitCode());
		assertTrue(e.getMessage().contains("medad models import") && e.getMessage().contains("preset=cpu"),
				e.getMessage());
	}

	@Test
	void anImageNotThroughTheDeclaredInputIsRefusedByName() throws Exception {
		try (TrainedModel m = detector.train(slices(4), tiny(Map.of("epochs", 1)), 1, ProgressMonitor.NULL)) {
			Volume grey = Volume.ofPixels("scan-17.png", Images.wrap(new float[64 * 64], 64, 64));
			BadInputException e = assertThrows(BadInputException.class, () -> m.score(grey));
			assertTrue(e.getMessage().contains("scan-17.png") && e.getMessage().contains("3 channels at 224x224"),
					e.getMessage());
		}
	}

	@Test
	void theLiverConfigurationCropsEachSliceOntoTheCanvasFirst() throws Exception {
		InputSpec brain = detector.input(tiny(Map.of()));
		InputSpec liver = detector.input(tiny(Map.of("dataset", "liver")));
		assertEquals(Channels.RGB, brain.channels());
		assertEquals(List.of("window 0,255", "resize 224 bilinear antialias", "normalise mean-std 0.449,0.226"),
				brain.steps());
		assertEquals(Channels.GREY, liver.channels(), "the crop looks at one grey plane, as the reference's");
		assertEquals(List.of("liver-roi 224", "rgb", "window 0,255", "resize 224 bilinear antialias",
				"normalise mean-std 0.449,0.226"), liver.steps());
	}
}

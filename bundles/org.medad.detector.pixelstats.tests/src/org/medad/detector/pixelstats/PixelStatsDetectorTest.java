package org.medad.detector.pixelstats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.phantom.BrainPhantom;

class PixelStatsDetectorTest {
	private final PixelStatsDetector detector = new PixelStatsDetector();

	@TempDir
	Path tmp;

	static SliceSource slices(List<float[]> images, int side) {
		return new SliceSource() {
			@Override
			public int size() {
				return images.size();
			}

			@Override
			public String id(int index) {
				return "s" + index;
			}

			@Override
			public Volume load(int index) {
				return Volume.ofPixels(id(index), Images.wrap(images.get(index).clone(), side, side));
			}
		};
	}

	static float[] constant(int side, float v) {
		float[] a = new float[side * side];
		Arrays.fill(a, v);
		return a;
	}

	private Settings settings(String... kv) throws Exception {
		Map<String, String> m = new java.util.LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put(kv[i], kv[i + 1]);
		}
		return detector.settingsSchema().parse(m);
	}

	@Test
	void fitsPerPixelMeanAndPopulationStd() throws Exception {
		TrainedModel m = detector.train(slices(List.of(constant(8, 1), constant(8, 3)), 8),
				settings("size", "8", "sigma", "0"), 1, ProgressMonitor.NULL);
		float scale = m.weights().get("scale").data()[0];
		assertEquals(3f, scale, "median of the per-slice 99th percentiles");
		assertEquals(2f / 3, m.weights().get("mean").data()[0], 1e-6);
		assertEquals(1f / 3, m.weights().get("std").data()[17], 1e-6);
		// |3/3 - 2/3| / (1/3 + 0.02)
		AnomalyResult r = m.score(Volume.ofPixels("x", Images.wrap(constant(8, 3), 8, 8)));
		assertEquals((1f / 3) / (1f / 3 + 0.02f), r.score(), 1e-5);
		assertEquals(0, m.score(Volume.ofPixels("y", Images.wrap(constant(8, 2), 8, 8))).score(), 1e-6);
	}

	@Test
	void slicesOfAnySizeAreResizedToTheModelGrid() throws Exception {
		TrainedModel m = detector.train(slices(List.of(constant(16, 5), constant(16, 5)), 16),
				settings("size", "8", "sigma", "0"), 1, ProgressMonitor.NULL);
		AnomalyResult r = m.score(Volume.ofPixels("big", Images.wrap(constant(32, 5), 32, 32)));
		assertEquals(8, r.mapWidth());
		assertEquals(0, r.score(), 1e-6);
		assertEquals(32 * 32, r.mapOn(32, 32).length);
	}

	@Test
	void zeroTrainingImagesIsBadInput() {
		BadInputException e = assertThrows(BadInputException.class,
				() -> detector.train(slices(List.of(), 8), settings(), 1, ProgressMonitor.NULL));
		assertEquals(3, e.exitCode());
	}

	@Test
	void lesionsScoreHigherThanNormalSlices() throws Exception {
		BrainPhantom phantom = new BrainPhantom(64);
		List<float[]> normals = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			normals.add(phantom.normal(1000 + i).image());
		}
		TrainedModel m = detector.train(slices(normals, 64), settings("size", "64"), 1, ProgressMonitor.NULL);
		int wins = 0;
		for (int i = 0; i < 20; i++) {
			double healthy = m.score(Volume.ofPixels("n", Images.wrap(phantom.normal(5000 + i).image(), 64, 64))).score();
			double lesion = m.score(Volume.ofPixels("l", Images.wrap(phantom.withLesions(5000 + i, 2).image(), 64, 64)))
					.score();
			wins += lesion > healthy ? 1 : 0;
		}
		assertTrue(wins >= 16, "the same subject with lesions scored higher in only " + wins + "/20 cases");
	}

	@Test
	void savedPackageLoadsAndScoresIdentically() throws Exception {
		BrainPhantom phantom = new BrainPhantom(48);
		List<float[]> normals = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			normals.add(phantom.normal(i).image());
		}
		TrainedModel m = detector.train(slices(normals, 48), settings("size", "48", "eps", "0.05"), 1,
				ProgressMonitor.NULL);
		var manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef("pixelstats",
				"0.1.0"), m.settings().values(), m.preprocessing(), null, null, List.of(), List.of());
		ModelPackage pkg = ModelPackage.write(tmp.resolve("model"), manifest, m.weights());
		TrainedModel loaded = detector.load(ModelPackage.read(tmp.resolve("model")));
		assertEquals(m.settings(), loaded.settings());
		Volume probe = Volume.ofPixels("p", Images.wrap(phantom.withLesions(99, 1).image(), 48, 48));
		AnomalyResult a = m.score(probe);
		AnomalyResult b = loaded.score(probe);
		assertEquals(a.score(), b.score());
		assertArrayEquals(a.map(), b.map());
		assertEquals(pkg.sha256(), ModelPackage.read(tmp.resolve("model")).sha256());
	}
}

package org.medad.detector.liverfreq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressLog;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.detector.liverfreq.synth.AnomalySynthesizerTest;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** A tiny liverfreq trained in the OSGi framework: the loss falls, packages round-trip, bad input is named. */
class LiverFreqTrainingTest {
	static AnomalyDetector detector;

	@BeforeAll
	static void service() throws Exception {
		var context = FrameworkUtil.getBundle(LiverFreqTrainingTest.class).getBundleContext();
		ServiceTracker<AnomalyDetector, AnomalyDetector> t = new ServiceTracker<>(context, AnomalyDetector.class, null);
		t.open();
		long end = System.currentTimeMillis() + 10_000;
		while (detector == null && System.currentTimeMillis() < end) {
			for (AnomalyDetector d : t.getServices(new AnomalyDetector[0])) {
				if (d.descriptor().id().equals("liverfreq")) {
					detector = d;
				}
			}
			Thread.sleep(50);
		}
		assertNotNull(detector, "liverfreq detector service not registered");
	}

	static org.medad.io.format.ImageFormats formats() throws Exception {
		var context = FrameworkUtil.getBundle(LiverFreqTrainingTest.class).getBundleContext();
		var t = new ServiceTracker<org.medad.io.format.ImageFormats, org.medad.io.format.ImageFormats>(context,
				org.medad.io.format.ImageFormats.class, null);
		t.open();
		var f = t.waitForService(10_000);
		assertNotNull(f, "ImageFormats service not registered");
		return f;
	}

	static SliceSource slices(int n, boolean withEmpty) {
		List<Volume> vols = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			float[] disc = AnomalySynthesizerTest.organ();
			for (int j = 0; j < disc.length; j++) {
				disc[j] *= 200 + 5 * i; // grey values like 8-bit PNG slices
			}
			vols.add(Volume.ofPixels("disc" + i, Images.wrap(disc, 64, 64)));
		}
		if (withEmpty) {
			vols.add(Volume.ofPixels("empty", Images.wrap(new float[64 * 64], 64, 64)));
		}
		return SliceSource.of(vols);
	}

	static Settings tiny(Map<String, Object> extra) throws Exception {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("preset", "cpu");
		v.put("size", 32);
		v.put("reconWidth", 4);
		v.put("segWidth", 4);
		v.put("epochs", 6);
		v.put("batch", 4);
		v.put("sf", 5);
		v.put("lr", 3e-3);
		v.putAll(extra);
		return LiverFreqSettings.SCHEMA.coerce(v);
	}

	@Test
	void lossFallsAndThePackageScoresIdentically(@TempDir Path tmp) throws Exception {
		Settings settings = tiny(Map.of());
		try (TrainedModel model = detector.train(slices(12, true), settings, 7, ProgressMonitor.NULL)) {
			@SuppressWarnings("unchecked")
			Map<String, Object> record = (Map<String, Object>) model.preprocessing().get("training");
			@SuppressWarnings("unchecked")
			List<Double> loss = (List<Double>) record.get("epochLoss");
			assertEquals(6, loss.size());
			assertTrue(loss.get(5) < loss.get(0), "loss per epoch " + loss);
			assertEquals(1, record.get("skippedEmptyOrgan"), "the all-zero slice is skipped and counted");
			assertEquals("cpu", model.device(), "no GPU here: the model says where it computes");

			ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION,
					new ModelManifest.DetectorRef("liverfreq", "0.1.0"), settings.values(), model.preprocessing(), null,
					null, List.of(), List.of());
			ModelPackage pkg = ModelPackage.write(tmp.resolve("m"), manifest, model.weights());
			Volume probe = slices(1, false).load(0);
			AnomalyResult before = model.score(probe);
			try (TrainedModel loaded = detector.load(ModelPackage.read(pkg.folder()))) {
				AnomalyResult after = loaded.score(probe);
				assertEquals(before.score(), after.score(), 0.0);
				assertArrayEquals(before.map(), after.map(), 0f);
			}
			assertTrue(before.score() >= 0 && before.score() <= 1);
			assertEquals(32, before.mapWidth());
		}
	}

	@Test
	void lossFallsOnPhantomSlices() throws Exception {
		var phantom = new org.medad.phantom.BrainPhantom(64);
		List<Volume> vols = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			vols.add(Volume.ofPixels("phantom" + i, Images.wrap(phantom.normal(i).image(), 64, 64)));
		}
		SliceSource source = SliceSource.of(vols);
		try (TrainedModel model = detector.train(source, tiny(Map.of("size", 64, "epochs", 5)), 2, ProgressMonitor.NULL)) {
			@SuppressWarnings("unchecked")
			List<Double> loss = (List<Double>) ((Map<String, Object>) model.preprocessing().get("training")).get("epochLoss");
			assertTrue(loss.get(4) < 0.8 * loss.get(0), "loss per epoch " + loss);
		}
	}

	@Test
	void sameSeedSameModel() throws Exception {
		Settings settings = tiny(Map.of("epochs", 1));
		try (TrainedModel a = detector.train(slices(8, false), settings, 3, ProgressMonitor.NULL);
				TrainedModel b = detector.train(slices(8, false), settings, 3, ProgressMonitor.NULL)) {
			assertArrayEquals(a.weights().get("net.seg.outc.weight").data(), b.weights().get("net.seg.outc.weight").data(), 0f);
		}
	}

	@Test
	void ablationSwitchesChangeOnlyTheirPart() throws Exception {
		LiverFreqConfig base = LiverFreqConfig.of(tiny(Map.of()));
		LiverFreqConfig noLocal = LiverFreqConfig.of(tiny(Map.of("local", false)));
		LiverFreqConfig noBreak = LiverFreqConfig.of(tiny(Map.of("break", false)));
		LiverFreqConfig noSynth = LiverFreqConfig.of(tiny(Map.of("synth", false)));
		LiverFreqConfig draem = LiverFreqConfig.of(tiny(Map.of("mode", "draem")));
		assertEquals(base, with(noLocal, true, noLocal.highPass(), noLocal.synth(), false));
		assertFalse(noLocal.local());
		assertEquals(base, with(noBreak, noBreak.local(), true, noBreak.synth(), false));
		assertFalse(noBreak.highPass());
		assertEquals(base, with(noSynth, noSynth.local(), noSynth.highPass(), true, false));
		assertFalse(noSynth.synth());
		assertEquals(base, with(draem, true, true, true, false));
		assertTrue(draem.textureOnly() && !draem.local() && !draem.highPass());
	}

	private static LiverFreqConfig with(LiverFreqConfig c, boolean local, boolean highPass, boolean synth, boolean texture) {
		return new LiverFreqConfig(c.size(), c.reconWidth(), c.segWidth(), c.epochs(), c.maxMinutes(), c.batch(), c.lr(),
				c.cutoff(), c.order(), c.smooth(), local, highPass, synth, texture, c.clean(), c.betaMin(), c.betaMax(),
				c.alphaDecay(), c.ssimWeight(), c.gamma(), c.window());
	}

	@Test
	void anomalySourceWithoutImagesIsNamed(@TempDir Path tmp) throws Exception {
		Files.writeString(tmp.resolve("notes.txt"), "not an image");
		BadInputException e = assertThrows(BadInputException.class, () -> detector.train(slices(4, false),
				tiny(Map.of("anomalySource", tmp.toString())), 1, ProgressMonitor.NULL));
		assertEquals(3, e.exitCode());
		assertTrue(e.getMessage().contains(tmp.toString()) && e.getMessage().contains("no readable images"), e.getMessage());
	}

	@Test
	void theForecastIsPrintedAndARunThatWouldNotFitStopsBeforeItsFirstStep() throws Exception {
		ProgressLog log = new ProgressLog();
		try (TrainedModel model = detector.train(slices(8, false), tiny(Map.of("epochs", 1)), 3, log)) {
			String forecast = log.lines().stream().filter(l -> l.startsWith("liverfreq forecast: ")).findFirst().orElse("");
			assertTrue(forecast.matches("liverfreq forecast: about \\d+ MB more memory on cpu \\(.* available\\); "
					+ "[0-9.]+ s per step of 4 x 2 steps, about \\d+ s"), log.lines().toString());
		}
		// the paper's preset at small sizes, on a machine capped below what the process already holds
		log.clear();
		System.setProperty("medad.memory.limit", "1m");
		try {
			var e = assertThrows(org.medad.core.error.ResourceException.class, () -> detector.train(slices(8, false),
					tiny(Map.of("preset", "paper", "epochs", 1)), 3, log));
			assertEquals(2, e.exitCode());
			assertTrue(e.getMessage().startsWith("liverfreq: a training step of 4 needs about")
					&& e.getMessage().contains("use --set preset=cpu"), e.getMessage());
			assertTrue(log.lines().stream().noneMatch(l -> l.startsWith("begin Training")), "stopped before training: "
					+ log.lines());
		} finally {
			System.clearProperty("medad.memory.limit");
		}
	}
}

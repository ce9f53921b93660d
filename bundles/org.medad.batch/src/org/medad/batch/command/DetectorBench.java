package org.medad.batch.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Console;
import org.medad.compute.ComputeService;
import org.medad.compute.NativeMemory;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.Shot;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.detect.TrainingData;
import org.medad.core.error.CancelledException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.phantom.BrainPhantom;
import org.medad.run.InputPipeline;

/**
 * {@code medad bench detector}: a detector's training step time and scoring throughput on generated phantom slices,
 * through its public service only, so it measures what users run. Steps are timed from the detector's own progress
 * reports (median after two warm-up steps; the training is stopped after {@code --steps}); scoring is timed over
 * batches after one warm-up batch. One configuration per process, so the resident peak (VmHWM) belongs to it.
 */
final class DetectorBench {
	private final DetectorCatalog catalog;
	private final ComputeService compute;

	DetectorBench(DetectorCatalog catalog, ComputeService compute) {
		this.catalog = catalog;
		this.compute = compute;
	}

	int run(Args args, Console console) throws Exception {
		String packagePath = args.get("--model", null);
		TrainedModel model = null;
		AnomalyDetector detector;
		Settings settings;
		InputPipeline pipeline = null;
		Double loadSeconds = null;
		if (packagePath != null) { // scoring a package as it is: no training in this process, so the peak is scoring's
			long l0 = System.nanoTime();
			var loaded = org.medad.run.ModelLoader.load(catalog, java.nio.file.Path.of(packagePath));
			loadSeconds = (System.nanoTime() - l0) / 1e9;
			model = loaded.model();
			pipeline = InputPipeline.of(loaded.pkg());
			detector = catalog.require(model.descriptor().id()).detector();
			settings = model.settings();
		} else {
			detector = catalog.require(args.require("--detector")).detector();
			settings = detector.settingsSchema().parse(args.settings());
		}
		int steps = args.intValue("--steps", 10, 0);
		if (steps > 0 && steps < 3) {
			throw new org.medad.core.error.UsageException("--steps: 0 (scoring only) or at least 3, not " + steps);
		}
		int slices = args.intValue("--slices", 64, 1);
		int scored = args.intValue("--score", 64, 1);
		int batch = args.intValue("--batch", 8, 1);
		int input = args.intValue("--input", 256, 16);
		long baseline = NativeMemory.residentBytes();
		BrainPhantom phantom = new BrainPhantom(input);
		// the detector's declared input, as the workflows run it (channels, window, resize, normalisation)
		if (pipeline == null) {
			pipeline = InputPipeline.of(detector.input(settings));
		}
		List<Volume> normals = new ArrayList<>();
		for (int i = 0; i < slices; i++) {
			normals.add(pipeline.apply(Volume.ofPixels("bench" + i, Images.wrap(phantom.normal(i).image(), input,
					input))));
		}
		if (model != null) {
			steps = 0;
		}
		boolean fewShot = detector.descriptor().learnsFrom() == LearnsFrom.FEW_SHOT;
		TrainingData data = fewShot ? shots(phantom, pipeline, normals, args.intValue("--shots", 4, 1), input)
				: TrainingData.normalsOnly(SliceSource.of(normals));
		StepClock clock = new StepClock(steps);
		try {
			if (steps > 0) {
				model = detector.train(data, settings, 0, clock, TrainingCheckpoints.NONE);
			}
		} catch (CancelledException e) {
			model = null; // the usual case: stopped after the timed steps, before the end of training
		}
		double[] stepTimes = clock.times();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("benchmark", "detector");
		out.put("detector", detector.descriptor().id());
		out.put("settings", args.settings());
		out.put("threads", compute.report().threads());
		out.put("input", input);
		out.put("train_steps_timed", stepTimes.length);
		out.put("train_step_s", stepTimes.length == 0 ? null : median(stepTimes));
		out.put("train_peak_rss_mb", NativeMemory.peakResidentBytes() / 1048576.0);
		Double fitSeconds = null;
		if (model == null) {
			// scoring needs weights: a fresh, untrained model of the same settings costs the same per image; a few-shot
			// one fitted without training steps (what remains is what scoring needs: MVFA's text features and bank)
			long f0 = System.nanoTime();
			Settings quick = detector.settingsSchema().parse(withOneStep(args.settings(), fewShot));
			model = fewShot ? detector.train(data, quick, 0, ProgressMonitor.NULL, TrainingCheckpoints.NONE)
					: detector.train(SliceSource.of(normals.subList(0, Math.min(normals.size(), 2))), quick, 0,
							ProgressMonitor.NULL);
			fitSeconds = (System.nanoTime() - f0) / 1e9;
		}
		out.put("fit_s", fitSeconds);
		out.put("shots", fewShot ? data.shots().size() : null);
		// what holding the model costs, before any scoring: for a package, what loading it left resident
		out.put("load_s", loadSeconds);
		out.put("model_rss_mb", NativeMemory.residentBytes() / 1048576.0);
		try (TrainedModel m = model) {
			List<Volume> cases = new ArrayList<>();
			for (int i = 0; i < scored; i++) {
				cases.add(pipeline.apply(Volume.ofPixels("case" + i, Images.wrap(phantom.withLesions(1000 + i, 2)
						.image(), input, input))));
			}
			m.scoreBatch(cases.subList(0, Math.min(batch, scored))); // warm-up
			String profile = args.get("--profile", null);
			if (profile != null) { // the engine's own profiler: every operator of the timed scoring, with shapes
				ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
			}
			long t0 = System.nanoTime();
			for (int from = 0; from < scored; from += batch) {
				m.scoreBatch(cases.subList(from, Math.min(scored, from + batch)));
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			if (profile != null) {
				ai.djl.pytorch.jni.JniUtils.stopProfile(profile);
			}
			out.put("score_batch", batch);
			out.put("score_images_per_s", scored / seconds);
		}
		out.put("baseline_rss_mb", baseline / 1048576.0);
		out.put("peak_rss_mb", NativeMemory.peakResidentBytes() / 1048576.0);
		// the JVM's share of the resident memory: what its collector keeps committed (the rest is the engine's)
		out.put("java_heap_committed_mb", Runtime.getRuntime().totalMemory() / 1048576.0);
		if (args.flag("--json")) {
			console.json(out);
		} else {
			console.out().printf("%s %s: %.3f s per training step (median of %d), %.1f images/s scored (batch %d);"
					+ " peak resident %.0f MB (training %.0f MB)%n", out.get("detector"), args.settings(),
					out.get("train_step_s"), stepTimes.length, out.get("score_images_per_s"), batch,
					out.get("peak_rss_mb"), out.get("train_peak_rss_mb"));
		}
		return 0;
	}

	/** The same settings trained for a single epoch on two slices (few-shot: none), for the scoring pass's weights. */
	private static Map<String, String> withOneStep(Map<String, String> settings, boolean fewShot) {
		Map<String, String> s = new LinkedHashMap<>(settings);
		s.put("epochs", fewShot ? "0" : "1");
		return s;
	}

	/** K normal phantom slices (the first K of the training ones) and K with lesions and their masks. */
	private static TrainingData shots(BrainPhantom phantom, InputPipeline pipeline, List<Volume> normals, int k,
			int input) throws org.medad.core.error.BadInputException {
		List<Shot> shots = new ArrayList<>();
		for (int i = 0; i < k; i++) {
			shots.add(new Shot("normal" + i, normals.get(i % normals.size()), false, null));
		}
		for (int i = 0; i < k; i++) {
			var lesioned = phantom.withLesions(5000 + i, 2);
			Volume image = pipeline.apply(Volume.ofPixels("lesion" + i, Images.wrap(lesioned.image(), input, input)));
			Volume mask = pipeline.maskOn(Volume.ofPixels("mask" + i, Images.wrap(lesioned.mask(), input, input)),
					image);
			shots.add(new Shot("lesion" + i, image, true, mask));
		}
		return new TrainingData(SliceSource.of(normals), shots, k + " per class from the phantom");
	}

	private static double median(double[] v) {
		if (v.length == 0) {
			return Double.NaN;
		}
		double[] s = v.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}

	/** Times the units of work of the training task; asks to cancel once enough steps are timed. */
	private static final class StepClock implements ProgressMonitor {
		private static final int WARM_UP = 2;
		private final int wanted;
		private final List<Double> times = new ArrayList<>();
		private boolean training;
		private long last;
		private int seen;

		StepClock(int wanted) {
			this.wanted = wanted;
		}

		@Override
		public void begin(String task, int totalWork) {
			training = task.startsWith("Training");
			last = System.nanoTime();
			seen = 0;
		}

		@Override
		public void worked(int units) {
			if (!training || units != 1) {
				return;
			}
			long now = System.nanoTime();
			if (++seen > WARM_UP) {
				times.add((now - last) / 1e9);
			}
			last = now;
		}

		@Override
		public void status(String message) {
		}

		@Override
		public boolean isCancelled() {
			return training && times.size() >= wanted;
		}

		double[] times() {
			return times.stream().mapToDouble(Double::doubleValue).toArray();
		}
	}
}

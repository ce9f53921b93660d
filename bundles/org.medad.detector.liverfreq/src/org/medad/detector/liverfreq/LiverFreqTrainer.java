package org.medad.detector.liverfreq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.medad.compute.ComputeService;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.progress.ProgressMonitor;
import org.medad.detector.liverfreq.synth.AnomalySynthesizer;
import org.medad.compute.MemoryMeter;
import org.medad.nn.Param;
import org.medad.nn.optim.Adam;
import org.medad.nn.train.StepEstimate;
import org.medad.nn.train.TrainingForecast;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * Joint training of both networks (METHODS.md §3.4): one Adam over all weights, learning rate ×0.2 at 80% and 90% of
 * the steps, the skip weight α decreasing by {@code alphaDecay} per epoch, L = L_rec + L_seg on synthetic samples.
 * Each epoch draws from its own generator (seed, epoch), so a run resumed from an epoch checkpoint continues exactly;
 * cancellable between steps; stops early at the time limit.
 */
final class LiverFreqTrainer {

	/** What a run did, for model.json and the logs. */
	record Outcome(int epochs, int steps, float alpha, double seconds, List<Double> epochLoss, boolean stoppedByTime,
			int resumedAtEpoch) {
	}

	private LiverFreqTrainer() {
	}

	static Outcome train(ComputeService compute, LiverFreqNetworks nets, LiverFreqConfig c, TrainingSet data,
			AnomalySynthesizer synth, long seed, ProgressMonitor monitor, TrainingCheckpoints checkpoints, String advice)
			throws MedadException {
		int n = data.planes.size();
		int perEpoch = Math.max(1, (n + c.batch() - 1) / c.batch());
		int total = perEpoch * c.epochs();
		MultiStepLr lr = MultiStepLr.liverfreq(c.lr(), total);
		Adam adam = new Adam(lr::at);
		float alpha = 1f;
		int epoch = 0;
		double before = 0;
		List<Double> epochLoss = new ArrayList<>();
		Optional<TrainingCheckpoints.Checkpoint> resumed = checkpoints.resume();
		if (resumed.isPresent()) {
			alpha = LiverFreqModel.restoreWeights(nets, resumed.get().weights(), data.scale);
		}
		Map<String, NDArray> weights = new LinkedHashMap<>(); // after a restore: loading replaces the arrays
		nets.namedParams().forEach((name, p) -> {
			if (p.trainable()) {
				weights.put(name, p.get());
			}
		});
		if (resumed.isPresent()) {
			TrainingCheckpoints.Checkpoint cp = resumed.get();
			Progress p = Progress.of(cp.progress());
			adam.restore(weights, cp.optimizer(), p.steps);
			epoch = p.epochs;
			before = p.seconds;
			epochLoss.addAll(p.epochLoss);
			monitor.status(String.format("resuming after epoch %d of %d (step %d, alpha %.3f)", epoch, c.epochs(),
					p.steps, alpha));
		}
		weights.values().forEach(w -> w.setRequiresGradient(true));
		Engine engine = Engine.getEngine("PyTorch");
		forecast(compute, engine, nets, c, data, synth, adam, weights, seed, total - epoch * perEpoch,
				resumed.isEmpty()).report(monitor, advice, c.maxMinutes() > 0);
		nets.train(true);
		AlphaSchedule schedule = new AlphaSchedule(c.alphaDecay(), perEpoch);
		long start = System.nanoTime();
		int resumedAt = epoch;
		boolean byTime = false;
		monitor.begin("Training liverfreq (" + c.epochs() + " epochs of " + perEpoch + " steps)", total);
		monitor.worked(epoch * perEpoch);
		try {
			for (; epoch < c.epochs() && !byTime; epoch++) {
				Random random = new Random(epochSeed(seed, epoch));
				int[] order = shuffle(n, random);
				double sum = 0;
				int done = 0;
				long epochStart = System.nanoTime();
				long[] synthesis = { 0 };
				for (int b = 0; b < perEpoch; b++) {
					monitor.checkCancelled();
					int from = b * c.batch();
					sum += step(engine, nets, c, data, synth, adam, weights, order, from, random, alpha, epoch, synthesis,
							true);
					done++;
					alpha = schedule.after(alpha);
					monitor.worked(1);
					if (c.maxMinutes() > 0 && (System.nanoTime() - start) / 6e10 > c.maxMinutes()) {
						byTime = true;
						break;
					}
				}
				epochLoss.add(sum / done);
				monitor.status(String.format("epoch %d: loss %.4f, alpha %.3f, %.2f s/step (synthesis %.2f s)", epoch + 1,
						sum / done, alpha, (System.nanoTime() - epochStart) / 1e9 / done, synthesis[0] / 1e9 / done));
				if (!byTime) {
					Progress p = new Progress(epoch + 1, adam.steps(), before + (System.nanoTime() - start) / 1e9,
							epochLoss);
					checkpoints.save(new TrainingCheckpoints.Checkpoint(LiverFreqModel.weights(nets, data.scale, alpha),
							LiverFreqModel.preprocessing(c, data.scale, Map.of("checkpoint", p.toMap())), adam.state(),
							p.toMap()));
				}
			}
		} finally {
			nets.train(false);
			weights.values().forEach(w -> w.setRequiresGradient(false));
		}
		return new Outcome(epoch, adam.steps(), alpha, before + (System.nanoTime() - start) / 1e9, epochLoss, byTime,
				resumedAt);
	}

	/**
	 * Memory and time of the run from steps of one and two samples, in training mode (its batch norm needs several
	 * times the memory of inference), from a generator of their own and without an optimiser update; the gradients
	 * are zeroed and the buffers (batch norm statistics) put back after, so a run is the same with or without them
	 * and a resumed run still continues exactly.
	 */
	private static TrainingForecast forecast(ComputeService compute, Engine engine, LiverFreqNetworks nets,
			LiverFreqConfig c, TrainingSet data, AnomalySynthesizer synth, Adam adam, Map<String, NDArray> weights,
			long seed, long steps, boolean optimiserNotYetAllocated) throws MedadException {
		MemoryMeter meter = MemoryMeter.of(compute.preferred());
		Map<Param, NDArray> buffers = new LinkedHashMap<>();
		nets.namedParams().values().stream().filter(p -> !p.trainable())
				.forEach(p -> buffers.put(p, p.get().duplicate()));
		Random random = new Random(seed ^ 0x5EEDF0CA57L);
		int n = data.planes.size();
		StepEstimate estimate;
		nets.train(true);
		try {
			estimate = StepEstimate.measure(meter, batch -> {
				int[] order = new int[batch];
				for (int i = 0; i < batch; i++) {
					order[i] = i % n;
				}
				step(engine, nets, c, data, synth, adam, weights, order, 0, random, 1f, 0, new long[1], false);
			});
		} finally {
			nets.train(false);
			buffers.forEach(Param::set);
		}
		long parameters = 0;
		for (NDArray w : weights.values()) {
			parameters += w.size() * Float.BYTES;
		}
		// Adam's two moments once allocated, and a checkpoint's copies of weights and moments while it is written
		long state = (optimiserNotYetAllocated ? 2 * parameters : 0) + 3 * parameters;
		return TrainingForecast.of("liverfreq", estimate, state, c.batch(), steps, meter);
	}

	/** One optimiser step on a batch of synthetic samples (with {@code update} false: gradients only); its loss. */
	private static float step(Engine engine, LiverFreqNetworks nets, LiverFreqConfig c, TrainingSet data,
			AnomalySynthesizer synth, Adam adam, Map<String, NDArray> weights, int[] order, int from, Random random,
			float alpha, int epoch, long[] synthesis, boolean update) throws ModelException {
		long t0 = System.nanoTime();
		int size = Math.min(c.batch(), order.length - from);
		float[][] clean = new float[size][];
		float[][] altered = new float[size][];
		float[][] masks = new float[size][];
		for (int i = 0; i < size; i++) {
			float[] plane = data.planes.get(order[from + i]);
			AnomalySynthesizer.Sample s = c.synth() ? synth.sample(plane, null, c.size(), random)
					: new AnomalySynthesizer.Sample(plane, plane, new float[plane.length], false);
			clean[i] = s.base(); // the image before synthesis, after the same optional rotation
			altered[i] = s.image();
			masks[i] = s.mask();
		}
		synthesis[0] += System.nanoTime() - t0;
		try (NDManager batch = nets.manager().newSubManager()) {
			float value;
			try (GradientCollector collector = engine.newGradientCollector()) {
				NDArray[] out = nets.forward(batch, altered, alpha);
				NDArray target = LiverFreqNetworks.planes(batch, clean, c.size());
				NDArray mask = LiverFreqNetworks.planes(batch, masks, c.size());
				NDArray[] terms = nets.loss(out[0], target, out[1], mask);
				value = terms[0].getFloat();
				if (!Float.isFinite(value)) {
					throw new ModelException(String.format("training diverged at epoch %d, step %d: loss %s (MSE %s,"
							+ " SSIM term %s, segmentation %s; reconstruction in [%s, %s], logits in [%s, %s]);"
							+ " lower the learning rate (lr=%g)", epoch + 1, adam.steps() + 1, value,
							terms[1].getFloat(), terms[2].getFloat(), terms[3].getFloat(), out[0].min().getFloat(),
							out[0].max().getFloat(), out[1].min().getFloat(), out[1].max().getFloat(), c.lr()));
				}
				collector.backward(terms[0]);
			}
			Map<String, NDArray> grads = new LinkedHashMap<>();
			NDList sums = new NDList();
			for (Map.Entry<String, NDArray> e : weights.entrySet()) {
				NDArray grad = e.getValue().getGradient();
				grad.attach(batch);
				grads.put(e.getKey(), grad);
				sums.add(grad.sum());
			}
			// one device round trip: a NaN or infinity anywhere makes its tensor's sum non-finite
			float[] totals = NDArrays.stack(sums).toFloatArray();
			List<String> bad = new ArrayList<>();
			int i = 0;
			for (String name : grads.keySet()) {
				if (!Float.isFinite(totals[i++])) {
					bad.add(name);
				}
			}
			if (!bad.isEmpty()) {
				// a non-finite gradient after a finite loss would poison the weights: stop before the update
				throw new ModelException(String.format("training diverged at epoch %d, step %d: loss %s but non-finite"
						+ " gradients in %d tensors, first %s", epoch + 1, adam.steps() + 1, value, bad.size(),
						bad.subList(0, Math.min(5, bad.size()))));
			}
			if (update) {
				adam.step(weights, grads);
			}
			weights.values().forEach(w -> JniUtils.zeroGrad((PtNDArray) w));
			return value;
		}
	}

	/** The generator of one epoch: independent of how many epochs ran in this process. */
	static long epochSeed(long seed, int epoch) {
		return seed * 0x9E3779B97F4A7C15L + epoch;
	}

	private static int[] shuffle(int n, Random r) {
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		for (int i = n - 1; i > 0; i--) {
			int j = r.nextInt(i + 1);
			int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		return order;
	}

	/** The counters a checkpoint carries besides weights and optimiser moments. */
	record Progress(int epochs, int steps, double seconds, List<Double> epochLoss) {

		Map<String, Object> toMap() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("epochs", epochs);
			m.put("steps", steps);
			m.put("seconds", seconds);
			m.put("epochLoss", List.copyOf(epochLoss));
			return m;
		}

		static Progress of(Map<String, Object> m) throws ModelException {
			try {
				List<Double> losses = new ArrayList<>();
				for (Object o : (List<?>) m.get("epochLoss")) {
					losses.add(((Number) o).doubleValue());
				}
				return new Progress(((Number) m.get("epochs")).intValue(), ((Number) m.get("steps")).intValue(),
						((Number) m.get("seconds")).doubleValue(), losses);
			} catch (ClassCastException | NullPointerException e) {
				throw new ModelException("liverfreq checkpoint: progress record is incomplete: " + m);
			}
		}
	}
}

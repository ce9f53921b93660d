package org.medad.detector.liverfreq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.medad.nn.train.Gradients;
import org.medad.nn.train.StepEstimate;
import org.medad.nn.train.TrainingForecast;
import org.medad.core.progress.Curves;
import org.medad.nn.train.TrainingLoop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * Joint training of both networks (METHODS.md §3.4) on the shared {@link TrainingLoop}: one Adam over all weights,
 * learning rate x0.2 at 80% and 90% of the steps, the skip weight alpha decreasing by {@code alphaDecay} per epoch,
 * L = L_rec + L_seg on synthetic samples. The loop owns epochs, per-epoch generators, checkpoints, resume, the time
 * limit and cancellation; this class owns the step, alpha and the memory forecast.
 */
final class LiverFreqTrainer implements TrainingLoop.Method {

	/** What a run did, for model.json and the logs. */
	record Outcome(int epochs, int steps, float alpha, double seconds, List<Double> epochLoss, boolean stoppedByTime,
			int resumedAtEpoch) {
	}

	private final ComputeService compute;
	private final LiverFreqNetworks nets;
	private final LiverFreqConfig c;
	private final TrainingSet data;
	private final AnomalySynthesizer synth;
	private final long seed;
	private final ProgressMonitor monitor;
	private final String advice;
	private final Adam adam;
	/** The last step's loss terms (MSE, SSIM term, segmentation), for the live chart. */
	private float[] lastTerms;
	private final AlphaSchedule schedule;
	private final Engine engine = Engine.getEngine("PyTorch");
	private Map<String, NDArray> weights;
	private float alpha = 1f;
	private long synthesisNanos;

	private LiverFreqTrainer(ComputeService compute, LiverFreqNetworks nets, LiverFreqConfig c, TrainingSet data,
			AnomalySynthesizer synth, long seed, ProgressMonitor monitor, String advice) {
		this.compute = compute;
		this.nets = nets;
		this.c = c;
		this.data = data;
		this.synth = synth;
		this.seed = seed;
		this.monitor = monitor;
		this.advice = advice;
		int perEpoch = TrainingLoop.stepsPerEpoch(data.planes.size(), c.batch());
		this.adam = new Adam(MultiStepLr.liverfreq(c.lr(), perEpoch * c.epochs())::at);
		this.schedule = new AlphaSchedule(c.alphaDecay(), perEpoch);
	}

	static Outcome train(ComputeService compute, LiverFreqNetworks nets, LiverFreqConfig c, TrainingSet data,
			AnomalySynthesizer synth, long seed, ProgressMonitor monitor, TrainingCheckpoints checkpoints, String advice)
			throws MedadException {
		LiverFreqTrainer t = new LiverFreqTrainer(compute, nets, c, data, synth, seed, monitor, advice);
		TrainingLoop.Outcome o = TrainingLoop.run(t, seed, monitor, checkpoints);
		return new Outcome(o.epochs(), o.steps(), t.alpha, o.seconds(), o.epochLoss(), o.stoppedByTime(),
				o.resumedAtEpoch());
	}

	@Override
	public String name() {
		return "liverfreq";
	}

	@Override
	public int epochs() {
		return c.epochs();
	}

	@Override
	public int samples() {
		return data.planes.size();
	}

	@Override
	public int batch() {
		return c.batch();
	}

	@Override
	public double maxMinutes() {
		return c.maxMinutes();
	}

	/** The trainable arrays by name; after a restore, loading has replaced them. */
	private Map<String, NDArray> weights() {
		if (weights == null) {
			weights = new LinkedHashMap<>();
			nets.namedParams().forEach((name, p) -> {
				if (p.trainable()) {
					weights.put(name, p.get());
				}
			});
		}
		return weights;
	}

	@Override
	public void restore(TrainingCheckpoints.Checkpoint checkpoint, TrainingLoop.Progress p) throws MedadException {
		alpha = LiverFreqModel.restoreWeights(nets, checkpoint.weights(), data.scale);
		weights = null;
		adam.restore(weights(), checkpoint.optimizer(), p.steps());
		monitor.status(String.format("resuming after epoch %d of %d (step %d, alpha %.3f)", p.epochs(), c.epochs(),
				p.steps(), alpha));
	}

	@Override
	public void beforeFirstStep(long remainingSteps, boolean resumed) throws MedadException {
		weights().values().forEach(w -> w.setRequiresGradient(true));
		forecast(remainingSteps, !resumed).report(monitor, advice, c.maxMinutes() > 0);
	}

	@Override
	public void train(boolean on) {
		nets.train(on);
		weights().values().forEach(w -> w.setRequiresGradient(on));
	}

	@Override
	public float step(int epoch, int[] order, int from, Random random) throws MedadException {
		if (from == 0) {
			synthesisNanos = 0;
		}
		long[] synthesis = { 0 };
		float loss = step(order, from, random, alpha, epoch, synthesis, true);
		synthesisNanos += synthesis[0];
		alpha = schedule.after(alpha);
		return loss;
	}

	@Override
	public Map<String, Double> stepCurves() {
		Map<String, Double> c = new LinkedHashMap<>();
		c.put(Curves.LEARNING_RATE, adam.lastRate());
		if (lastTerms != null) { // METHODS.md §3.4's three terms
			c.put(Curves.TERM + "mse", (double) lastTerms[0]);
			c.put(Curves.TERM + "ssim", (double) lastTerms[1]);
			c.put(Curves.TERM + "segmentation", (double) lastTerms[2]);
		}
		return c;
	}

	@Override
	public String epochNote(int epoch, int steps, double seconds) {
		return String.format(", alpha %.3f, %.2f s/step (synthesis %.2f s)", alpha, seconds / steps,
				synthesisNanos / 1e9 / steps);
	}

	@Override
	public TrainingCheckpoints.Checkpoint checkpoint(TrainingLoop.Progress p) throws MedadException {
		return new TrainingCheckpoints.Checkpoint(LiverFreqModel.weights(nets, data.scale, alpha),
				LiverFreqModel.preprocessing(c, data.scale, Map.of("checkpoint", p.toMap())), adam.state(), p.toMap());
	}

	/**
	 * Memory and time of the run from steps of one and two samples, in training mode (its batch norm needs several
	 * times the memory of inference), from a generator of their own and without an optimiser update; the gradients
	 * are zeroed and the buffers (batch norm statistics) put back after, so a run is the same with or without them
	 * and a resumed run still continues exactly.
	 */
	private TrainingForecast forecast(long steps, boolean optimiserNotYetAllocated) throws MedadException {
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
				step(order, 0, random, 1f, 0, new long[1], false);
			});
		} finally {
			nets.train(false);
			buffers.forEach(Param::set);
		}
		long parameters = 0;
		for (NDArray w : weights().values()) {
			parameters += w.size() * Float.BYTES;
		}
		// Adam's two moments once allocated, and a checkpoint's copies of weights and moments while it is written
		long state = (optimiserNotYetAllocated ? 2 * parameters : 0) + 3 * parameters;
		return TrainingForecast.of("liverfreq", estimate, state, c.batch(), steps, meter);
	}

	/** One optimiser step on a batch of synthetic samples (with {@code update} false: gradients only); its loss. */
	private float step(int[] order, int from, Random random, float alpha, int epoch, long[] synthesis, boolean update)
			throws ModelException {
		Map<String, NDArray> weights = weights();
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
				lastTerms = new float[] { terms[1].getFloat(), terms[2].getFloat(), terms[3].getFloat() };
				if (!Float.isFinite(value)) {
					throw new ModelException(String.format("training diverged at epoch %d, step %d: loss %s (MSE %s,"
							+ " SSIM term %s, segmentation %s; reconstruction in [%s, %s], logits in [%s, %s]);"
							+ " lower the learning rate (lr=%g)", epoch + 1, adam.steps() + 1, value,
							terms[1].getFloat(), terms[2].getFloat(), terms[3].getFloat(), out[0].min().getFloat(),
							out[0].max().getFloat(), out[1].min().getFloat(), out[1].max().getFloat(), c.lr()));
				}
				collector.backward(terms[0]);
			}
			Map<String, NDArray> grads = Gradients.finite(weights, batch, value,
					String.format("epoch %d, step %d", epoch + 1, adam.steps() + 1));
			if (update) {
				adam.step(weights, grads);
			}
			weights.values().forEach(w -> JniUtils.zeroGrad((PtNDArray) w));
			return value;
		}
	}
}

package org.medad.detector.liverfreq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.medad.compute.ComputeService;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.progress.ProgressMonitor;
import org.medad.detector.liverfreq.synth.AnomalySynthesizer;
import org.medad.nn.Param;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;

/**
 * Joint training of both networks (METHODS.md §3.4): one Adam (lr 1e-4) over all weights, learning rate ×0.2 at 80%
 * and 90% of the steps, the skip weight α decreasing by {@code alphaDecay} per epoch, L = L_rec + L_seg on
 * synthetic samples. Reproducible from the seed; cancellable between steps; stops early at the time limit.
 */
final class LiverFreqTrainer {

	/** What a run did, for model.json and the logs. */
	record Outcome(int epochs, int steps, float alpha, double seconds, List<Double> epochLoss, boolean stoppedByTime) {
	}

	private LiverFreqTrainer() {
	}

	static Outcome train(ComputeService compute, LiverFreqNetworks nets, LiverFreqConfig c, TrainingSet data,
			AnomalySynthesizer synth, long seed, ProgressMonitor monitor) throws MedadException {
		Random random = new Random(seed);
		compute.seed(seed);
		Map<String, Param> params = nets.namedParams();
		params.values().stream().filter(Param::trainable).forEach(p -> p.get().setRequiresGradient(true));
		int n = data.planes.size();
		int perEpoch = Math.max(1, (n + c.batch() - 1) / c.batch());
		int total = perEpoch * c.epochs();
		Optimizer adam = Optimizer.adam().optLearningRateTracker(MultiStepLr.liverfreq(c.lr(), total)).build();
		Engine engine = Engine.getEngine("PyTorch");
		nets.train(true);
		float alpha = 1f;
		AlphaSchedule schedule = new AlphaSchedule(c.alphaDecay(), perEpoch);
		long start = System.nanoTime();
		List<Double> epochLoss = new ArrayList<>();
		int step = 0;
		boolean byTime = false;
		monitor.begin("Training liverfreq (" + c.epochs() + " epochs of " + perEpoch + " steps)", total);
		int epoch = 0;
		for (; epoch < c.epochs() && !byTime; epoch++) {
			int[] order = shuffle(n, random);
			double sum = 0;
			for (int b = 0; b < perEpoch; b++) {
				monitor.checkCancelled();
				int from = b * c.batch();
				int size = Math.min(c.batch(), n - from);
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
				try (NDManager batch = nets.manager().newSubManager()) {
					float value;
					try (GradientCollector collector = engine.newGradientCollector()) {
						NDArray[] out = nets.forward(batch, altered, alpha);
						NDArray target = LiverFreqNetworks.planes(batch, clean, c.size());
						NDArray mask = LiverFreqNetworks.planes(batch, masks, c.size());
						NDArray[] terms = nets.loss(out[0], target, out[1], mask);
						NDArray loss = terms[0];
						value = loss.getFloat();
						if (!Float.isFinite(value)) {
							throw new ModelException(String.format("training diverged at epoch %d, step %d: loss %s (MSE %s,"
									+ " SSIM term %s, segmentation %s; reconstruction in [%s, %s], logits in [%s, %s]);"
									+ " lower the learning rate (lr=%g)", epoch + 1, step + 1, value, terms[1].getFloat(),
									terms[2].getFloat(), terms[3].getFloat(), out[0].min().getFloat(), out[0].max().getFloat(),
									out[1].min().getFloat(), out[1].max().getFloat(), c.lr()));
						}
						collector.backward(loss);
					}
					Map<String, NDArray> grads = new java.util.LinkedHashMap<>();
					List<String> bad = new ArrayList<>();
					for (Map.Entry<String, Param> e : params.entrySet()) {
						if (e.getValue().trainable()) {
							NDArray grad = e.getValue().get().getGradient();
							grad.attach(batch);
							grads.put(e.getKey(), grad);
							if (grad.isInfinite().logicalOr(grad.isNaN()).any().getBoolean()) {
								bad.add(e.getKey());
							}
						}
					}
					if (!bad.isEmpty()) {
						// a non-finite gradient after a finite loss would poison the weights: stop before the update
						throw new ModelException(String.format("training diverged at epoch %d, step %d: loss %s but"
								+ " non-finite gradients in %d tensors, first %s", epoch + 1, step + 1, value, bad.size(),
								bad.subList(0, Math.min(5, bad.size()))));
					}
					for (Map.Entry<String, NDArray> e : grads.entrySet()) {
						NDArray weight = params.get(e.getKey()).get();
						adam.update(e.getKey(), weight, e.getValue());
						JniUtils.zeroGrad((PtNDArray) weight);
					}
					sum += value;
				}
				alpha = schedule.after(alpha);
				step++;
				monitor.worked(1);
				if (c.maxMinutes() > 0 && (System.nanoTime() - start) / 6e10 > c.maxMinutes()) {
					byTime = true;
					break;
				}
			}
			epochLoss.add(sum / perEpoch);
			monitor.status(String.format("epoch %d: loss %.4f, alpha %.3f", epoch + 1, sum / perEpoch, alpha));
		}
		nets.train(false);
		params.values().stream().filter(Param::trainable).forEach(p -> p.get().setRequiresGradient(false));
		return new Outcome(epoch, step, alpha, (System.nanoTime() - start) / 1e9, epochLoss, byTime);
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
}

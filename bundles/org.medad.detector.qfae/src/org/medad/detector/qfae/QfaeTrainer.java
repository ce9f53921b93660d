package org.medad.detector.qfae;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.progress.ProgressMonitor;
import org.medad.detector.qfae.net.QfaeNetworks;
import org.medad.detector.qfae.train.Augment;
import org.medad.detector.qfae.train.OneCycle;
import org.medad.nn.optim.Adam;
import org.medad.nn.train.Gradients;
import org.medad.core.progress.Curves;
import org.medad.nn.train.TrainingLoop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * QFAE's training on the shared loop (METHODS.md §1.7): the projection, Q-Former and decoder learn (the encoder,
 * the decoder's position table and the perceptual model stay frozen and carry no gradient), Adam with the
 * one-cycle schedule stepped every batch and β1 cycling, the last incomplete batch dropped, the augmentations, and
 * the perceptual loss (mean over layers, images and pixels of the product over patch sizes) or L1.
 */
final class QfaeTrainer implements TrainingLoop.Method, AutoCloseable {
	private final QfaeNetworks nets;
	private final QfaeConfig c;
	private final SliceSource normals;
	private final ProgressMonitor monitor;
	private final long seed;
	private final Engine engine = Engine.getEngine("PyTorch");
	private final Adam adam;
	private final OneCycle schedule;
	private Map<String, NDArray> weights;
	private final FeatureCache cache;

	QfaeTrainer(QfaeNetworks nets, QfaeConfig c, SliceSource normals, long seed, ProgressMonitor monitor) {
		this.nets = nets;
		this.seed = seed;
		this.c = c;
		this.normals = normals;
		this.monitor = monitor;
		int perEpoch = Math.max(1, normals.size() / c.batch());
		this.schedule = OneCycle.qfae(perEpoch * c.epochs(), c.lr(), c.pctStart());
		this.adam = new Adam(t -> schedule.lr(t - 1), t -> schedule.beta1(t - 1));
		this.cache = c.augment() || c.featureCacheMB() == 0 ? null
				: new FeatureCache(nets.autoencoder, c.featureCacheMB() * 1048576L);
	}

	@Override
	public String name() {
		return "qfae";
	}

	@Override
	public int epochs() {
		return c.epochs();
	}

	@Override
	public int samples() {
		return normals.size();
	}

	@Override
	public int batch() {
		return c.batch();
	}

	@Override
	public boolean dropLast() {
		return true;
	}

	@Override
	public double maxMinutes() {
		return c.maxMinutes();
	}

	/** The trainable arrays by name: projection, Q-Former, decoder (its position table is a buffer). */
	private Map<String, NDArray> weights() {
		if (weights == null) {
			weights = new LinkedHashMap<>();
			nets.autoencoder.namedParams().forEach((name, p) -> {
				if (p.trainable() && !name.startsWith("encoders.0.model.")) {
					weights.put(name, p.get());
				}
			});
		}
		return weights;
	}

	@Override
	public void restore(TrainingCheckpoints.Checkpoint checkpoint, TrainingLoop.Progress p) throws MedadException {
		nets.load(checkpoint.weights(), "qfae checkpoint", c.allPatches());
		weights = null;
		adam.restore(weights(), checkpoint.optimizer(), p.steps());
		monitor.status(String.format("resuming after epoch %d of %d (step %d)", p.epochs(), c.epochs(), p.steps()));
	}

	@Override
	public void train(boolean on) {
		nets.autoencoder.train(on);
		nets.autoencoder.encoder.train(false);
		weights().values().forEach(w -> w.setRequiresGradient(on));
	}

	@Override
	public float step(int epoch, int[] order, int from, Random random) throws MedadException {
		int size = Math.min(c.batch(), order.length - from);
		int[] indices = java.util.Arrays.copyOfRange(order, from, from + size);
		int side = c.architecture().imageSize();
		int plane = 3 * side * side;
		float[] batchValues = new float[size * plane];
		for (int i = 0; i < size; i++) {
			float[] x = QfaeModel.pixels(normals.load(order[from + i]), side);
			if (c.augment()) {
				x = Normalisation.toModel(Augment.apply(Normalisation.toUnit(x), side, random));
			}
			System.arraycopy(x, 0, batchValues, i * plane, plane);
		}
		Map<String, NDArray> w = weights();
		// the Q-Former's dropout draws from the engine: seeded per step, so a resumed run repeats the unbroken one
		engine.setRandomSeed(Long.hashCode(TrainingLoop.epochSeed(seed, epoch) * 1_000_003L + from));
		try (NDManager batch = nets.autoencoder.manager().newSubManager()) {
			NDArray x = batch.create(batchValues, new Shape(size, 3, side, side));
			float value;
			try (GradientCollector collector = engine.newGradientCollector()) {
				NDArray encoded = cache == null ? nets.autoencoder.encode(x) : cache.encode(x, indices);
				NDArray xHat = nets.autoencoder.decode(encoded);
				NDArray loss = QfaeModel.maps(nets, c, x, xHat, c.trainPatches(), c.trainLayers()).mean();
				value = loss.getFloat();
				if (!Float.isFinite(value)) {
					throw new ModelException(String.format("training diverged at epoch %d, step %d: loss %s;"
							+ " lower the learning rate (lr=%g)", epoch + 1, adam.steps() + 1, value, c.lr()));
				}
				collector.backward(loss);
			}
			Map<String, NDArray> grads = Gradients.finite(w, batch, value,
					String.format("epoch %d, step %d", epoch + 1, adam.steps() + 1));
			adam.step(w, grads);
			w.values().forEach(a -> JniUtils.zeroGrad((PtNDArray) a));
			return value;
		}
	}

	@Override
	public Map<String, Double> stepCurves() {
		return Map.of(Curves.LEARNING_RATE, adam.lastRate());
	}

	@Override
	public String epochNote(int epoch, int steps, double seconds) {
		return String.format(java.util.Locale.ROOT, ", lr %.3g, %.2f s/step", schedule.lr(Math.max(0, adam.steps() - 1)),
				seconds / steps);
	}

	@Override
	public TrainingCheckpoints.Checkpoint checkpoint(TrainingLoop.Progress p) throws MedadException {
		return new TrainingCheckpoints.Checkpoint(nets.save(), Map.of("checkpoint", p.toMap()), adam.state(), p.toMap());
	}

	/** Frees the feature cache; the networks stay with the model. */
	@Override
	public void close() {
		if (cache != null) {
			cache.close();
		}
	}
}

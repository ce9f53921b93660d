package org.medad.detector.mvfa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.detector.mvfa.net.InplantedClip;
import org.medad.detector.mvfa.train.MvfaLoss;
import org.medad.detector.mvfa.train.TrainingSet;
import org.medad.nn.Module;
import org.medad.nn.checkpoint.StateDicts;
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
 * MVFA's adapter training on the shared loop (METHODS.md §2.5, {@code train_few.py}): batch 1, CLIP frozen, two Adam
 * optimisers (segmentation and detection adapters, betas 0.5 and 0.999, constant rate). With masks both step on
 * seg + det loss; without, only the detection adapters step (the detection loss still reaches the segmentation
 * adapters through the residual stream, and those gradients are dropped, as there). The official code keeps the
 * epoch that scores best on the test set; here the last epoch is kept, since selecting on test data flatters.
 */
final class MvfaTrainer implements TrainingLoop.Method {
	private static final String SEG = "seg.";
	private static final String DET = "det.";

	private final InplantedClip net;
	private final MvfaConfig c;
	private final TrainingSet samples;
	private final List<NDArray> textFeatures;
	private final boolean masks;
	private final Engine engine = Engine.getEngine("PyTorch");
	private Adam seg;
	private Adam det;

	/** @param textFeatures per sample's {@code textIndex} the (D, 2) features it is matched against */
	MvfaTrainer(InplantedClip net, MvfaConfig c, TrainingSet samples, List<NDArray> textFeatures, boolean masks) {
		this.net = net;
		this.c = c;
		this.samples = samples;
		this.textFeatures = textFeatures;
		this.masks = masks;
		this.seg = optimiser();
		this.det = optimiser();
	}

	private Adam optimiser() {
		return new Adam(t -> c.lr(), t -> 0.5);
	}

	@Override
	public String name() {
		return "mvfa";
	}

	@Override
	public int epochs() {
		return c.epochs();
	}

	@Override
	public int samples() {
		return samples.size();
	}

	@Override
	public int batch() {
		return 1;
	}

	@Override
	public double maxMinutes() {
		return c.maxMinutes();
	}

	private static Map<String, NDArray> weights(Module adapters) {
		Map<String, NDArray> w = new LinkedHashMap<>();
		adapters.namedParams().forEach((k, p) -> w.put(k, p.get()));
		return w;
	}

	@Override
	public void train(boolean on) {
		net.train(false); // no dropout or batch statistics anywhere: the official model stays in eval()
		weights(net.segAdapters()).values().forEach(w -> w.setRequiresGradient(on));
		weights(net.detAdapters()).values().forEach(w -> w.setRequiresGradient(on));
	}

	@Override
	public Map<String, Double> stepCurves() {
		return Map.of(Curves.LEARNING_RATE, det.lastRate());
	}

	@Override
	public float step(int epoch, int[] order, int from, Random random) throws MedadException {
		TrainingSet.Sample s = samples.get(order[from]);
		int side = c.side();
		Map<String, NDArray> segW = weights(net.segAdapters());
		Map<String, NDArray> detW = weights(net.detAdapters());
		try (NDManager batch = net.manager().newSubManager()) {
			// engine-owned copies: the backward pass reads mask and label, and an array made straight from Java values
			// may point into a buffer the garbage collector frees before then
			NDArray x = Module.owned(batch, s.image(), new Shape(1, 3, side, side));
			NDArray mask = masks && s.mask() != null ? Module.owned(batch, s.mask(), new Shape(1, side, side)) : null;
			NDArray label = Module.owned(batch, new float[] { s.anomalous() ? 1f : 0f }, new Shape(1));
			float value;
			try (GradientCollector collector = engine.newGradientCollector()) {
				MvfaLoss.Terms t = MvfaLoss.of(net.forward(x), textFeatures.get(s.textIndex()), mask, label, side);
				value = t.loss().getFloat();
				if (!Float.isFinite(value)) {
					throw new ModelException(String.format("training diverged at epoch %d, step %d: loss %s; lower"
							+ " the learning rate (lr=%g)", epoch + 1, det.steps() + 1, value, c.lr()));
				}
				collector.backward(t.loss());
			}
			String where = String.format("epoch %d, step %d", epoch + 1, det.steps() + 1);
			Map<String, NDArray> detG = Gradients.finite(detW, batch, value, where);
			if (mask != null) {
				seg.step(segW, Gradients.finite(segW, batch, value, where));
			}
			det.step(detW, detG);
			segW.values().forEach(a -> JniUtils.zeroGrad((PtNDArray) a));
			detW.values().forEach(a -> JniUtils.zeroGrad((PtNDArray) a));
			return value;
		}
	}

	@Override
	public TrainingCheckpoints.Checkpoint checkpoint(TrainingLoop.Progress p) {
		Map<String, Tensor> w = new LinkedHashMap<>();
		StateDicts.save(net.segAdapters()).forEach((k, v) -> w.put("seg_adapters." + k, v));
		StateDicts.save(net.detAdapters()).forEach((k, v) -> w.put("det_adapters." + k, v));
		Map<String, Tensor> optimiser = new LinkedHashMap<>();
		seg.state().forEach((k, v) -> optimiser.put(SEG + k, v));
		det.state().forEach((k, v) -> optimiser.put(DET + k, v));
		Map<String, Object> progress = new LinkedHashMap<>(p.toMap());
		progress.put("segSteps", seg.steps());
		progress.put("detSteps", det.steps());
		return new TrainingCheckpoints.Checkpoint(w, Map.of(), optimiser, progress);
	}

	@Override
	public void restore(TrainingCheckpoints.Checkpoint checkpoint, TrainingLoop.Progress p) throws MedadException {
		StateDicts.load(net.segAdapters(), StateDicts.under(checkpoint.weights(), "seg_adapters."), "mvfa checkpoint");
		StateDicts.load(net.detAdapters(), StateDicts.under(checkpoint.weights(), "det_adapters."), "mvfa checkpoint");
		seg = optimiser();
		det = optimiser();
		seg.restore(weights(net.segAdapters()), StateDicts.under(checkpoint.optimizer(), SEG),
				((Number) checkpoint.progress().getOrDefault("segSteps", 0)).intValue());
		det.restore(weights(net.detAdapters()), StateDicts.under(checkpoint.optimizer(), DET),
				((Number) checkpoint.progress().getOrDefault("detSteps", p.steps())).intValue());
	}
}

package org.medad.detector.qfae;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;
import org.medad.detector.qfae.net.QfaeNetworks;
import org.medad.detector.qfae.score.ImageScore;
import org.medad.detector.qfae.score.PerceptualMaps;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A QFAE model ready to score: image (declared input: RGB, 224 px, normalised) → reconstruction → per-layer
 * perceptual maps (product over the evaluation patch sizes) → image score by the data set's rule and the pixel map
 * (mean over layers), at the network's resolution. Every image is scored once, in the batches the caller gives.
 */
final class QfaeModel implements TrainedModel {
	private final DetectorDescriptor descriptor;
	private final Settings settings;
	private final QfaeConfig config;
	private final NDManager manager;
	private final QfaeNetworks nets;
	private final Map<String, Object> training;
	private final List<ModelManifest.Reference> references;

	QfaeModel(DetectorDescriptor descriptor, Settings settings, QfaeConfig config, NDManager manager, QfaeNetworks nets,
			Map<String, Object> training, List<ModelManifest.Reference> references) {
		this.descriptor = descriptor;
		this.settings = settings;
		this.config = config;
		this.manager = manager;
		this.nets = nets;
		this.training = training;
		this.references = List.copyOf(references);
		nets.autoencoder.train(false);
		nets.perceptual.train(false);
	}

	@Override
	public DetectorDescriptor descriptor() {
		return descriptor;
	}

	@Override
	public Settings settings() {
		return settings;
	}

	@Override
	public String device() {
		Device d = manager.getDevice();
		return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
	}

	@Override
	public AnomalyResult score(Volume slice) throws MedadException {
		return scoreBatch(List.of(slice)).get(0);
	}

	/**
	 * Images per pass through the networks. Scores are per image, so a larger batch is scored in passes of this many:
	 * at the paper's sizes 8 scored fastest here (0.33 images/s against 0.29 at 32, docs/benchmarks.md) and memory
	 * stops growing with the batch (a pass of 32 peaked at 8.1 GB, of 8 at 4.7 GB).
	 */
	static final int PASS = 8;

	@Override
	public synchronized List<AnomalyResult> scoreBatch(List<Volume> slices) throws MedadException {
		List<AnomalyResult> out = new ArrayList<>(slices.size());
		for (int from = 0; from < slices.size(); from += PASS) {
			out.addAll(pass(slices.subList(from, Math.min(slices.size(), from + PASS))));
		}
		return out;
	}

	private List<AnomalyResult> pass(List<Volume> slices) throws MedadException {
		int side = config.architecture().imageSize();
		int plane = 3 * side * side;
		float[] values = new float[slices.size() * plane];
		for (int i = 0; i < slices.size(); i++) {
			System.arraycopy(pixels(slices.get(i), side), 0, values, i * plane, plane);
		}
		List<AnomalyResult> out = new ArrayList<>();
		try (NDManager batch = manager.newSubManager()) {
			NDArray x = batch.create(values, new Shape(slices.size(), 3, side, side));
			NDArray xHat = nets.autoencoder.reconstruct(x);
			NDArray maps = maps(nets, config, x, xHat, config.evalPatches(), config.evalLayers());
			float[] scores = (config.l1() ? ImageScore.MAX_THEN_MEAN : config.rule()).scores(maps).toFloatArray();
			float[] pixels = ImageScore.pixelMaps(maps).toFloatArray();
			int n = side * side;
			for (int i = 0; i < scores.length; i++) {
				out.add(new AnomalyResult(scores[i], java.util.Arrays.copyOfRange(pixels, i * n, (i + 1) * n), side,
						side));
			}
		}
		return out;
	}

	/**
	 * Per-layer maps (R, B, 1, H, W): perceptual (product over {@code patches}) or, for the L1 ablation, one map
	 * of the channel mean of |x - x̂|.
	 */
	static NDArray maps(QfaeNetworks nets, QfaeConfig c, NDArray x, NDArray xHat, int[] patches, int[] layers) {
		if (c.l1()) {
			return x.sub(xHat).abs().mean(new int[] { 1 }, true).expandDims(0);
		}
		return PerceptualMaps.maps(nets.perceptual, x, xHat, patches, layers);
	}

	/** A slice as the network takes it: 3 channel planes of side², as the declared input made it. */
	static float[] pixels(Volume v, int side) throws BadInputException {
		if (v.channels() != 3 || v.width() != side || v.height() != side) {
			throw new BadInputException(v.source() + ": QFAE takes the declared input (3 channels at " + side + "x"
					+ side + "), got " + v.channels() + " channel(s) at " + v.width() + "x" + v.height()
					+ "; score through medad, which runs the model's recorded preprocessing");
		}
		return Images.toArray(v.voxels());
	}

	@Override
	public Map<String, Tensor> weights() {
		return nets.save();
	}

	@Override
	public List<ModelManifest.Reference> references() {
		return references;
	}

	@Override
	public Map<String, Object> preprocessing() {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("normalisation", "(x - " + Normalisation.MEAN + ") / " + Normalisation.STD + " after the window to [0, 1]");
		p.put("weights", config.randomInit() ? "random initialisation (preset " + config.preset() + "): not the paper's pretrained"
				+ " encoder and perceptual model" : "imported foundation weights");
		if (!training.isEmpty()) {
			p.put("training", training);
		}
		return p;
	}

	@Override
	public void close() {
		manager.close();
	}
}

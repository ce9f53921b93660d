package org.medad.detector.mvfa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.SetRelativeScores;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;
import org.medad.detector.mvfa.net.InplantedClip;
import org.medad.detector.mvfa.score.MemoryBank;
import org.medad.detector.mvfa.score.ScoreParts;
import org.medad.detector.mvfa.score.ZeroShot;
import org.medad.nn.checkpoint.StateDicts;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * An MVFA model ready to score (METHODS.md §2.4): images (declared input: RGB in [0, 1] at 240 px, no mean/std) →
 * level tokens → zero-shot logits against the stored text features and, few-shot, distances to the memory bank.
 * Those per-level grids are a slice's {@link ScoreParts}; the final map and score min-max normalise them over the
 * scored set, as the official code does, and the workflows score in two passes for it. Alone (no set), each part is
 * scaled by its fixed range instead.
 */
final class MvfaModel implements TrainedModel, SetRelativeScores {
	static final String TEXT_FEATURES = "text_features";
	static final String BANK = "bank.";
	/** Images per pass through the network. */
	static final int PASS = 8;

	private final DetectorDescriptor descriptor;
	private final Settings settings;
	private final MvfaConfig config;
	private final NDManager manager;
	private final InplantedClip net;
	private final NDArray textFeatures;
	private final MemoryBank bank;
	private final Map<String, Object> training;
	private final List<ModelManifest.Reference> references;

	MvfaModel(DetectorDescriptor descriptor, Settings settings, MvfaConfig config, NDManager manager, InplantedClip net,
			NDArray textFeatures, MemoryBank bank, Map<String, Object> training,
			List<ModelManifest.Reference> references) {
		this.descriptor = descriptor;
		this.settings = settings;
		this.config = config;
		this.manager = manager;
		this.net = net;
		this.textFeatures = textFeatures;
		this.bank = bank;
		this.training = training;
		this.references = List.copyOf(references);
		net.train(false);
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

	ScoreParts.Layout layout() {
		int grid = config.clip().vision().grid();
		return new ScoreParts.Layout(config.levels().length, grid * grid, bank != null, config.pixelBranch(),
				config.side());
	}

	@Override
	public synchronized List<float[]> parts(List<Volume> slices) throws MedadException {
		List<float[]> out = new ArrayList<>(slices.size());
		for (int from = 0; from < slices.size(); from += PASS) {
			out.addAll(pass(slices.subList(from, Math.min(slices.size(), from + PASS))));
		}
		return out;
	}

	private List<float[]> pass(List<Volume> slices) throws MedadException {
		int side = config.side();
		int plane = 3 * side * side;
		float[] values = new float[slices.size() * plane];
		for (int i = 0; i < slices.size(); i++) {
			System.arraycopy(pixels(slices.get(i), side), 0, values, i * plane, plane);
		}
		ScoreParts.Layout layout = layout();
		try (NDManager batch = manager.newSubManager()) {
			InplantedClip.Tokens t = net.forward(batch.create(values, new Shape(slices.size(), 3, side, side)));
			List<NDArray> zeroScore = new ArrayList<>();
			List<NDArray> logits = new ArrayList<>();
			List<NDArray> distances = new ArrayList<>();
			for (int l = 0; l < layout.levels(); l++) {
				zeroScore.add(ZeroShot.imageScore(ZeroShot.logits(t.det().get(l), textFeatures)));
				logits.add(ZeroShot.logits(t.seg().get(l), textFeatures));
				if (bank != null) {
					distances.add(bank.distances(l, (config.pixelBranch() ? t.seg() : t.det()).get(l)));
				}
			}
			return ScoreParts.pack(layout, zeroScore, logits, distances);
		}
	}

	@Override
	public SetScorer finish(List<float[]> all) {
		return ScoreParts.normaliser(manager, layout(), all);
	}

	@Override
	public AnomalyResult score(Volume slice) throws MedadException {
		return scoreBatch(List.of(slice)).get(0);
	}

	@Override
	public List<AnomalyResult> scoreBatch(List<Volume> slices) throws MedadException {
		SetScorer alone = ScoreParts.fixedRanges(manager, layout());
		List<AnomalyResult> out = new ArrayList<>();
		for (float[] p : parts(slices)) {
			out.add(alone.result(p));
		}
		return out;
	}

	/** A slice as the network takes it: 3 channel planes of side², in [0, 1] as the declared input made it. */
	static float[] pixels(Volume v, int side) throws BadInputException {
		if (v.channels() != 3 || v.width() != side || v.height() != side) {
			throw new BadInputException(v.source() + ": MVFA takes the declared input (3 channels at " + side + "x"
					+ side + "), got " + v.channels() + " channel(s) at " + v.width() + "x" + v.height()
					+ "; score through medad, which runs the model's recorded preprocessing");
		}
		return Images.toArray(v.voxels());
	}

	@Override
	public Map<String, Tensor> weights() {
		Map<String, Tensor> w = new LinkedHashMap<>(StateDicts.save(net));
		w.put(TEXT_FEATURES, new Tensor(textFeatures.getShape().getShape(), textFeatures.toFloatArray()));
		if (bank != null) {
			for (int l = 0; l < bank.levelCount(); l++) {
				NDArray b = bank.levels().get(l);
				w.put(BANK + l, new Tensor(b.getShape().getShape(), b.toFloatArray()));
			}
		}
		return w;
	}

	@Override
	public List<ModelManifest.Reference> references() {
		return references;
	}

	@Override
	public Map<String, Object> preprocessing() {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("normalisation", "none: the window to [0, 1] only (the official code feeds u8/255)");
		p.put("weights", config.randomInit() ? "random initialisation (preset " + config.preset() + "): not the paper's"
				+ " pretrained CLIP" : "imported CLIP weights");
		p.put("scores", "min-max normalised over the scored set (zero-shot and few-shot parts separately), as the"
				+ " official code; score and evaluate read the whole set first");
		if (!training.isEmpty()) {
			p.put("training", training);
		}
		return p;
	}

	@Override
	public void close() {
		if (bank != null) {
			bank.close();
		}
		manager.close();
	}
}

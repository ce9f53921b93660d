package org.medad.detector.mvfa;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.detect.LabelledSet;
import org.medad.core.detect.Shot;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.detect.TrainingData;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.TensorStore;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.detector.mvfa.net.InplantedClip;
import org.medad.detector.mvfa.score.MemoryBank;
import org.medad.detector.mvfa.text.Prompts;
import org.medad.detector.mvfa.text.TextFeatures;
import org.medad.detector.mvfa.train.SupportAugment;
import org.medad.detector.mvfa.train.TrainingSet;
import org.medad.nn.checkpoint.StateDicts;
import org.medad.nn.clip.ClipTokenizer;
import org.medad.nn.clip.TextTransformer;
import org.medad.nn.train.TrainingLoop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One MVFA training run: CLIP from an imported package (or random for the CPU presets), the text features of the
 * data set's object, the adapters trained on the augmented shots (few-shot) or on other labelled data sets
 * (zero-shot), and the memory bank of the augmented normal shots.
 */
final class MvfaFitting {
	private final ComputeService compute;
	private final MvfaConfig c;
	private final NDManager m;
	private final ProgressMonitor monitor;
	private final List<ModelManifest.Reference> references = new ArrayList<>();

	MvfaFitting(ComputeService compute, MvfaConfig c, NDManager m, ProgressMonitor monitor) {
		this.compute = compute;
		this.c = c;
		this.m = m;
		this.monitor = monitor;
	}

	MvfaModel fit(TrainingData data, Settings settings, long seed, TrainingCheckpoints checkpoints,
			ComputeDevice device) throws MedadException {
		if (!c.zeroShot() && data.shots().isEmpty()) {
			throw new UsageException("mvfa few-shot training needs labelled shots from the data set's valid/ split"
					+ " (--shots K or --shot-list FILE)");
		}
		InplantedClip net = compute.call(() -> new InplantedClip(m, c.clip().vision(), c.levels(), c.clip().embedDim()));
		List<String> objects = new ArrayList<>(List.of(c.object()));
		if (c.zeroShot()) {
			data.others().forEach(o -> objects.add(objectOf(o.name())));
		}
		long t0 = System.nanoTime();
		List<NDArray> text = foundations(net, settings, objects);
		monitor.status(String.format(Locale.ROOT, "mvfa: CLIP and text features ready in %.1f s",
				(System.nanoTime() - t0) / 1e9));
		int side = c.side();
		t0 = System.nanoTime();
		SupportAugment augment = compute.call(() -> new SupportAugment(m));
		List<float[]> normalVariants = c.zeroShot() ? List.of() : augment.all(images(data.normalShots(), side), 3,
				side, side);
		TrainingSet set = c.epochs() == 0 ? new TrainingSet()
				: c.zeroShot() ? others(data.others(), side) : shots(augment, data.anomalousShots(), normalVariants, side);
		monitor.status(String.format(Locale.ROOT, "mvfa: %d training samples and %d memory-bank images in %.1f s",
				set.size(), normalVariants.size(), (System.nanoTime() - t0) / 1e9));
		boolean masks = c.pixelBranch() && hasMasks(set);
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("device", device.id());
		record.put("protocol", c.zeroShot() ? "zero-shot" : "few-shot");
		record.put("samples", set.size());
		record.put("losses", masks ? "focal + dice + bce (segmentation and detection adapters)"
				: "bce (detection adapters)");
		if (c.epochs() > 0 && set.size() > 0) {
			MvfaTrainer trainer = new MvfaTrainer(net, c, set, text, masks);
			TrainingLoop.Outcome o = compute.call(() -> TrainingLoop.run(trainer, seed, monitor, checkpoints));
			record.putAll(o.record());
		} else {
			record.put("epochs", 0);
		}
		net.train(false);
		t0 = System.nanoTime();
		MemoryBank bank = c.zeroShot() ? null : compute.call(() -> bank(net, normalVariants, side));
		if (bank != null) {
			monitor.status(String.format(Locale.ROOT, "mvfa: memory bank of %d tokens per level in %.1f s", bank.rows(),
					(System.nanoTime() - t0) / 1e9));
		}
		for (int i = 1; i < text.size(); i++) {
			text.get(i).close();
		}
		return new MvfaModel(MvfaDetector.DESCRIPTOR, settings, c, m, net, text.get(0), bank, record, references);
	}

	/**
	 * Loads CLIP (and the start package's adapters) and computes the text features of every object; the text tower
	 * lives only as long as that takes.
	 */
	private List<NDArray> foundations(InplantedClip net, Settings settings, List<String> objects)
			throws MedadException {
		String start = settings.getString(MvfaSettings.START);
		String clip = settings.getString(MvfaSettings.CLIP);
		if (!start.isEmpty() && !clip.isEmpty()) {
			throw new UsageException("mvfa: give start (an mvfa package with its CLIP) or clip, not both");
		}
		if (c.randomInit()) {
			if (!start.isEmpty() || !clip.isEmpty()) {
				throw new UsageException("mvfa: init=random (or preset " + c.preset() + ") with clip or start weights"
						+ " given: set init=imported to train on them");
			}
			monitor.status("mvfa: random CLIP weights (preset " + c.preset() + "): not the paper's setting");
			try (NDManager t = m.newSubManager()) {
				TextTransformer tower = compute.call(() -> c.clip().textTower(t));
				return features(tower, objects);
			}
		}
		if (start.isEmpty() && clip.isEmpty()) {
			throw new ModelException("mvfa: training preset=" + c.preset() + " needs OpenAI CLIP weights, imported once"
					+ " with medad models import --from openai-clip ViT-L-14-336px.pt --out CLIP, then --set clip=CLIP"
					+ " (or --set start=PKG of an official checkpoint imported with --from mvfa-pth; --set preset=cpu"
					+ " trains a narrow CLIP from random weights, not the paper's setting)");
		}
		ModelPackage p = ModelPackage.read(Path.of(start.isEmpty() ? clip : start));
		references.add(ModelManifest.Reference.of(p));
		try (TensorStore w = p.weights(); NDManager t = m.newSubManager()) {
			TensorStore visual = w.renamed(k -> k.startsWith("visual.") && !k.equals("visual.proj")
					|| !start.isEmpty() && k.contains("_adapters.") ? k : null);
			if (start.isEmpty()) {
				compute.call(() -> {
					StateDicts.load(net.visual(), visual.under("visual."), p.folder() + " (CLIP visual tower)");
					return null;
				});
			} else {
				compute.call(() -> {
					StateDicts.load(net, visual, p.folder() + " (start package)");
					return null;
				});
			}
			TensorStore textWeights = w.under("text.");
			if (textWeights.shapes().isEmpty()) {
				throw new ModelException(p.folder() + ": holds no CLIP text tower (text.*) to compute the prompts'"
						+ " features with; start from an imported package (medad models import --from mvfa-pth or"
						+ " openai-clip)");
			}
			TextTransformer tower = compute.call(() -> {
				TextTransformer tt = c.clip().textTower(t);
				StateDicts.load(tt, textWeights, p.folder() + " (CLIP text tower)");
				return tt;
			});
			return features(tower, objects);
		}
	}

	private List<NDArray> features(TextTransformer tower, List<String> objects) throws MedadException {
		ClipTokenizer tokenizer = ClipTokenizer.bundled();
		List<NDArray> out = new ArrayList<>();
		for (String object : objects) {
			monitor.status("mvfa: text features of '" + object + "' (" + (Prompts.normal(object).size()
					+ Prompts.abnormal(object).size()) + " prompts)");
			NDArray f = compute.call(() -> TextFeatures.compute(m, tower, tokenizer, object, c.clip().text().context()));
			out.add(f);
		}
		return out;
	}

	/** The official object name for a data set folder (Brain_AD → Brain), else the folder's own name. */
	static String objectOf(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (Map.Entry<String, String> e : Prompts.OBJECT_NAMES.entrySet()) {
			if (lower.contains(e.getKey())) {
				return e.getValue();
			}
		}
		return name.replaceAll("(?i)_ad$", "");
	}

	private static List<float[]> images(List<Shot> shots, int side) throws BadInputException {
		List<float[]> out = new ArrayList<>();
		for (Shot s : shots) {
			out.add(MvfaModel.pixels(s.image(), side));
		}
		return out;
	}

	private static TrainingSet shots(SupportAugment augment, List<Shot> anomalous, List<float[]> normalVariants,
			int side) throws BadInputException {
		List<float[]> masks = new ArrayList<>();
		boolean allMasks = true;
		for (Shot s : anomalous) {
			allMasks &= s.mask() != null;
			masks.add(s.mask() == null ? null : mask(s.mask(), side));
		}
		return TrainingSet.fewShot(augment, images(anomalous, side), allMasks ? masks : null, normalVariants, side,
				side);
	}

	private TrainingSet others(List<LabelledSet> sets, int side) throws MedadException {
		if (sets.isEmpty() && c.epochs() > 0) {
			throw new UsageException("mvfa zero-shot training learns from other labelled data sets: name them with"
					+ " medad train --also DIR1,DIR2 (the paper trains on the other five and tests on the held-out one)");
		}
		TrainingSet set = new TrainingSet();
		for (int k = 0; k < sets.size(); k++) {
			var cases = sets.get(k).cases();
			for (int i = 0; i < cases.size(); i++) {
				Volume mask = cases.anomalous(i) ? cases.mask(i) : null;
				set.add(new TrainingSet.Sample(MvfaModel.pixels(cases.load(i), side),
						mask == null ? (cases.anomalous(i) ? null : new float[side * side]) : mask(mask, side),
						cases.anomalous(i), k + 1));
			}
		}
		return set;
	}

	private static boolean hasMasks(TrainingSet set) {
		for (int i = 0; i < set.size(); i++) {
			if (set.get(i).mask() == null) {
				return false;
			}
		}
		return set.size() > 0;
	}

	/** Any non-zero label is lesion: {0, 1} on the image grid (the official u8/255 of a 0/255 mask). */
	static float[] mask(Volume mask, int side) throws BadInputException {
		if (mask.width() != side || mask.height() != side) {
			throw new BadInputException(mask.source() + ": mask is " + mask.width() + "x" + mask.height()
					+ ", its image " + side + "x" + side);
		}
		float[] v = Images.toArray(mask.voxels());
		float[] out = new float[side * side];
		for (int i = 0; i < out.length; i++) {
			out[i] = v[i] > 0 ? 1f : 0f;
		}
		return out;
	}

	/** Every token of the 11 variants of every normal shot, class rows included, of the head the scoring uses. */
	private MemoryBank bank(InplantedClip net, List<float[]> augmented, int side) throws MedadException {
		monitor.status("mvfa: memory bank of " + augmented.size() + " augmented normal shots");
		List<NDList> perLevel = new ArrayList<>();
		for (int l = 0; l < c.levels().length; l++) {
			perLevel.add(new NDList());
		}
		int plane = 3 * side * side;
		for (int from = 0; from < augmented.size(); from += MvfaModel.PASS) {
			int b = Math.min(MvfaModel.PASS, augmented.size() - from);
			float[] x = new float[b * plane];
			for (int i = 0; i < b; i++) {
				System.arraycopy(augmented.get(from + i), 0, x, i * plane, plane);
			}
			try (NDManager pass = m.newSubManager()) {
				InplantedClip.Tokens t = net.forward(pass.create(x, new Shape(b, 3, side, side)));
				List<NDArray> head = c.pixelBranch() ? t.seg() : t.det();
				for (int l = 0; l < head.size(); l++) {
					NDArray tokens = head.get(l).duplicate();
					tokens.attach(m);
					perLevel.get(l).add(tokens);
				}
			}
		}
		List<NDArray> levels = new ArrayList<>();
		for (NDList parts : perLevel) {
			NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
			levels.add(all);
		}
		MemoryBank bank = MemoryBank.of(levels);
		for (NDList parts : perLevel) {
			parts.forEach(NDArray::close);
		}
		levels.forEach(NDArray::close);
		return bank;
	}
}

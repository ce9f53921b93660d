package org.medad.detector.mvfa.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.detector.mvfa.MvfaSettings;
import org.medad.detector.mvfa.net.InplantedClip;
import org.medad.importer.Imported;
import org.medad.importer.KeyCheck;
import org.medad.importer.WeightImporter;
import org.medad.importer.clip.OpenAiClipImporter;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.Checkpoints;
import org.medad.nn.checkpoint.StateDicts;
import org.medad.nn.clip.ClipConfig;
import org.osgi.service.component.annotations.Component;

import ai.djl.ndarray.NDManager;

/**
 * The official MVFA adapter checkpoint ({@code {'seg_adapters': …, 'det_adapters': …}} as train_few.py / train_zero.py
 * save it) with the OpenAI CLIP weights it was trained on, checked key by key, into an {@code mvfa} package. Its CLIP
 * text tower comes along, so that training with {@code --set start=PKG --set epochs=0} builds the text features and
 * memory bank of a data set and scores as the official {@code test_few}.
 */
@Component(service = WeightImporter.class)
public class MvfaCheckpointImporter implements WeightImporter {
	/** The official {@code --features_list}. */
	static final int[] LEVELS = { 6, 12, 18, 24 };

	@Override
	public String source() {
		return "mvfa-pth";
	}

	@Override
	public String summary() {
		return "MVFA's adapter checkpoint (.pth) followed by the OpenAI CLIP weights (an mvfa model package); --arch as"
				+ " for openai-clip (clip-l14-336 by default, or an open_clip .json)";
	}

	@Override
	public Imported convert(NDManager m, Map<String, Tensor> sd, String arch, Consumer<String> log)
			throws MedadException {
		Map<String, Tensor> all = Checkpoints.unwrap(sd);
		Map<String, Tensor> adapters = new LinkedHashMap<>();
		Map<String, Tensor> clip = new LinkedHashMap<>();
		all.forEach((k, v) -> (k.startsWith("seg_adapters.") || k.startsWith("det_adapters.") ? adapters : clip).put(k, v));
		if (adapters.isEmpty()) {
			throw new ModelException("mvfa-pth: no adapter checkpoint among the files (no seg_adapters.* or"
					+ " det_adapters.* keys); give the .pth that train_few.py or train_zero.py saved first, then CLIP");
		}
		if (clip.isEmpty()) {
			throw new ModelException("mvfa-pth: only the adapter checkpoint was given; add the OpenAI CLIP weights it"
					+ " was trained with: medad models import --from mvfa-pth ADAPTERS.pth ViT-L-14-336px.pt --out DIR");
		}
		Imported foundation = new OpenAiClipImporter().convert(m, clip, arch, log);
		ClipConfig c = (ClipConfig) foundation.settings().get("config");
		InplantedClip net = new InplantedClip(m, c.vision(), LEVELS, c.embedDim());
		KeyCheck.against(net.segAdapters(), StateDicts.under(adapters, "seg_adapters."), "seg_adapters.");
		KeyCheck.against(net.detAdapters(), StateDicts.under(adapters, "det_adapters."), "det_adapters.");
		List<String> steps = new ArrayList<>(foundation.steps());
		steps.add("adapters: " + adapters.size() + " tensors checked (levels after blocks 6, 12, 18, 24)");
		Map<String, Tensor> weights = new LinkedHashMap<>();
		foundation.weights().forEach((k, v) -> {
			if (k.startsWith("visual.") && !k.equals("visual.proj") || k.startsWith("text.")) {
				weights.put(k, v);
			}
		});
		weights.putAll(adapters);
		Map<String, Object> values = new LinkedHashMap<>(MvfaSettings.SCHEMA.defaults().values());
		values.put("init", "imported");
		values.put("levels", "6,12,18,24");
		if (!c.equals(ClipConfig.large14At240())) {
			values.put("architecture", Architectures.toJson(c));
		}
		return Imported.model("mvfa", weights, values, steps);
	}
}

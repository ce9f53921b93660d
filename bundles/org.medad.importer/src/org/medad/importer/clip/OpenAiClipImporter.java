package org.medad.importer.clip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.importer.Imported;
import org.medad.importer.KeyCheck;
import org.medad.importer.WeightImporter;
import org.medad.importer.vit.VitResample;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.KeyMaps;
import org.medad.nn.clip.TextTransformer;
import org.medad.nn.layer.Activation;
import org.medad.nn.vit.VisionTransformer;
import org.medad.nn.vit.VitConfig;
import org.osgi.service.component.annotations.Component;

import ai.djl.ndarray.NDManager;

/**
 * OpenAI CLIP checkpoints (the TorchScript {@code .pt} or a state dict): the visual tower under {@code visual.*} with
 * timm's names, the text tower under {@code text.*}, both checked; MVFA's foundation.
 */
@Component(service = WeightImporter.class)
public class OpenAiClipImporter implements WeightImporter {
	static final String DEFAULT_ARCH = "clip-l14-336";

	@Override
	public String source() {
		return "openai-clip";
	}

	@Override
	public String summary() {
		return "OpenAI CLIP (.pt TorchScript or state dict); --arch a CLIP visual tower (default " + DEFAULT_ARCH
				+ ") or a JSON file of sizes";
	}

	@Override
	public Imported convert(NDManager m, Map<String, Tensor> sd, String arch, Consumer<String> log)
			throws MedadException {
		VitConfig c = Architectures.vit(arch == null ? DEFAULT_ARCH : arch);
		List<String> steps = new ArrayList<>();
		Map<String, Tensor> visual = VitResample.adapt(KeyMaps.clipVisual(sd), c, "", steps);
		KeyCheck.against(new VisionTransformer(m, c), visual, "visual.");
		Map<String, Tensor> text = KeyMaps.clipText(sd);
		KeyCheck.against(textTower(m, text, c.act()), text, "text.");
		Map<String, Tensor> out = new LinkedHashMap<>();
		visual.forEach((k, v) -> out.put("visual." + k, v));
		Tensor proj = KeyMaps.clipVisualProjection(sd);
		if (proj != null) {
			out.put("visual.proj", proj);
		}
		text.forEach((k, v) -> out.put("text." + k, v));
		if (sd.containsKey("logit_scale")) {
			out.put("logit_scale", sd.get("logit_scale"));
		}
		steps.add("visual tower under visual.* with timm names, text tower under text.*");
		return Imported.of(source(), out, c.name(), c, steps);
	}

	/** CLIP text sizes from the tensors themselves (OpenAI's heads = width / 64). */
	private static TextTransformer textTower(NDManager m, Map<String, Tensor> text, Activation act)
			throws ModelException {
		Tensor tokens = text.get("token_embedding.weight");
		Tensor pos = text.get("positional_embedding");
		Tensor proj = text.get("text_projection");
		if (tokens == null || pos == null || proj == null) {
			throw new ModelException("not an OpenAI CLIP checkpoint: the text tower (token_embedding, positional_embedding,"
					+ " text_projection) is missing");
		}
		int width = (int) tokens.shape()[1];
		int layers = (int) text.keySet().stream().filter(k -> k.matches("blocks\\.\\d+\\.norm1\\.weight")).count();
		return new TextTransformer(m, (int) tokens.shape()[0], (int) pos.shape()[0], width, Math.max(1, width / 64),
				layers, (int) proj.shape()[1], act);
	}
}

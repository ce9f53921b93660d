package org.medad.importer.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.importer.Imported;
import org.medad.importer.KeyCheck;
import org.medad.importer.WeightImporter;
import org.medad.importer.vit.VitResample;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.KeyMaps;
import org.medad.nn.clip.ClipConfig;
import org.medad.nn.vit.VisionTransformer;
import org.medad.nn.vit.VitConfig;
import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * OpenAI CLIP checkpoints (the TorchScript {@code .pt} or a state dict): the visual tower under {@code visual.*} with
 * timm's names, the text tower under {@code text.*}, both checked; MVFA's foundation.
 */
@Component(service = WeightImporter.class)
public class OpenAiClipImporter implements WeightImporter {
	static final String DEFAULT_ARCH = "clip-l14-336";
	/** MVFA runs the visual tower at 240 px (17x17 patches). */
	static final int RUN_SIZE = 240;
	/** The tensors OpenAI's files store in fp16 ({@code convert_weights}). */
	private static final Pattern HALF = Pattern.compile(
			"(conv1\\.weight|attn\\.in_proj_(weight|bias)|attn\\.out_proj\\.|mlp\\.c_(fc|proj)\\.|^visual\\.proj$|^text_projection$)");

	@Override
	public String source() {
		return "openai-clip";
	}

	@Override
	public String summary() {
		return "OpenAI CLIP (.pt TorchScript or state dict); --arch " + DEFAULT_ARCH + " (the default: ViT-L/14-336,"
				+ " visual tower at 240 px as MVFA runs it), an open_clip model configuration .json (ViT-L-14-336.json;"
				+ " visual tower at 240 px unless it sets run_image_size) or a .json of ViT sizes";
	}

	@Override
	public Imported convert(NDManager m, Map<String, Tensor> sd, String arch, Consumer<String> log)
			throws MedadException {
		ClipConfig c = config(arch == null ? DEFAULT_ARCH : arch, sd);
		List<String> steps = new ArrayList<>();
		Map<String, Tensor> rounded = roundedAsOfficialLoader(sd, steps);
		Map<String, Tensor> visual = VitResample.adapt(KeyMaps.clipVisual(rounded), c.vision(), "", steps);
		KeyCheck.against(new VisionTransformer(m, c.vision()), visual, "visual.");
		Map<String, Tensor> text = KeyMaps.clipText(rounded);
		KeyCheck.against(c.textTower(m), text, "text.");
		Map<String, Tensor> out = new LinkedHashMap<>();
		visual.forEach((k, v) -> out.put("visual." + k, v));
		Tensor proj = KeyMaps.clipVisualProjection(rounded);
		if (proj != null) {
			out.put("visual.proj", proj);
		}
		text.forEach((k, v) -> out.put("text." + k, v));
		if (sd.containsKey("logit_scale")) {
			out.put("logit_scale", sd.get("logit_scale"));
		}
		steps.add("visual tower under visual.* with timm names, text tower under text.*");
		return Imported.of(source(), out, c.vision().name(), c, steps);
	}

	/**
	 * The sizes: a named architecture, an open_clip configuration file, or a ViT sizes file whose text tower is read
	 * off the tensors (OpenAI's heads = width / 64).
	 */
	static ClipConfig config(String arch, Map<String, Tensor> sd) throws MedadException {
		if (arch.equals(DEFAULT_ARCH)) {
			return ClipConfig.large14At240();
		}
		if (arch.endsWith(".json")) {
			Path file = Path.of(arch);
			String json;
			try {
				json = Files.readString(file);
			} catch (IOException e) {
				throw BadInputException.of(file, "cannot read: " + e.getMessage());
			}
			if (json.contains("\"vision_cfg\"")) {
				try {
					String name = file.getFileName().toString().replaceFirst("\\.json$", "");
					int size = JsonParser.parseString(json).getAsJsonObject().has("run_image_size")
							? JsonParser.parseString(json).getAsJsonObject().get("run_image_size").getAsInt()
							: RUN_SIZE;
					return ClipConfig.fromOpenClip(name, json, size);
				} catch (IllegalArgumentException | IllegalStateException e) {
					throw BadInputException.of(file, e.getMessage());
				}
			}
		}
		return withTextFromTensors(Architectures.vit(arch), KeyMaps.clipText(sd), sd);
	}

	private static ClipConfig withTextFromTensors(VitConfig vision, Map<String, Tensor> text, Map<String, Tensor> sd)
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
		return new ClipConfig(vision, (int) proj.shape()[1], new ClipConfig.Text((int) tokens.shape()[0],
				(int) pos.shape()[0], width, Math.max(1, width / 64), layers));
	}

	/**
	 * The official loader builds CLIP in half precision, loads the checkpoint and widens it again: the weights OpenAI
	 * stores in fp16 (convolution, attention, MLP, projections) are rounded to fp16 even when a checkpoint holds them in
	 * fp32. A no-op for OpenAI's own files; kept so that an fp32 checkpoint gives the official code's numbers.
	 */
	static Map<String, Tensor> roundedAsOfficialLoader(Map<String, Tensor> sd, List<String> steps) {
		Map<String, Tensor> out = new LinkedHashMap<>(sd);
		int changed = 0;
		for (Map.Entry<String, Tensor> e : sd.entrySet()) {
			if (!HALF.matcher(e.getKey()).find()) {
				continue;
			}
			float[] v = e.getValue().data();
			float[] r = new float[v.length];
			boolean differs = false;
			for (int i = 0; i < v.length; i++) {
				r[i] = Float.float16ToFloat(Float.floatToFloat16(v[i]));
				differs |= Float.floatToRawIntBits(r[i]) != Float.floatToRawIntBits(v[i]);
			}
			if (differs) {
				out.put(e.getKey(), new Tensor(e.getValue().shape(), r));
				changed++;
			}
		}
		if (changed > 0) {
			steps.add(changed + " fp32 weights rounded to fp16 as the official CLIP loader does");
		}
		return out;
	}
}

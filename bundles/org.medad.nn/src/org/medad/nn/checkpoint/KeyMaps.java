package org.medad.nn.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medad.core.model.Tensor;

/**
 * Renames checkpoints of other families onto timm's ViT names (METHODS.md §1.10, §2.3). Shapes are adapted where
 * the families store the same values differently (CLIP's class embedding is a vector, timm's a (1,1,D) token).
 */
public final class KeyMaps {
	private static final Pattern CLIP_BLOCK = Pattern.compile("transformer\\.resblocks\\.(\\d+)\\.(.+)");
	private static final Map<String, String> CLIP_BLOCK_NAMES = Map.of("ln_1.weight", "norm1.weight", "ln_1.bias",
			"norm1.bias", "ln_2.weight", "norm2.weight", "ln_2.bias", "norm2.bias", "attn.in_proj_weight",
			"attn.qkv.weight", "attn.in_proj_bias", "attn.qkv.bias", "attn.out_proj.weight", "attn.proj.weight",
			"attn.out_proj.bias", "attn.proj.bias");
	private static final Map<String, String> CLIP_MLP = Map.of("mlp.c_fc.", "mlp.fc1.", "mlp.c_proj.", "mlp.fc2.");

	private KeyMaps() {
	}

	/**
	 * OpenAI CLIP's visual tower ({@code visual.*}) as a timm ViT state dict; {@code visual.proj} is left out (the
	 * anomaly methods use patch tokens, not the projected embedding; read it with {@link #clipVisualProjection}).
	 */
	public static Map<String, Tensor> clipVisual(Map<String, Tensor> openai) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		openai.forEach((key, t) -> {
			if (!key.startsWith("visual.") || key.equals("visual.proj")) {
				return;
			}
			String k = key.substring("visual.".length());
			switch (k) {
				case "conv1.weight" -> out.put("patch_embed.proj.weight", t);
				case "class_embedding" -> out.put("cls_token", reshape(t, 1, 1, t.shape()[0]));
				case "positional_embedding" -> out.put("pos_embed", reshape(t, 1, t.shape()[0], t.shape()[1]));
				default -> out.put(rename(k), t);
			}
		});
		return out;
	}

	public static Tensor clipVisualProjection(Map<String, Tensor> openai) {
		return openai.get("visual.proj");
	}

	/**
	 * OpenAI CLIP's text tower (the keys without a {@code visual.} prefix, {@code logit_scale} aside) under the names
	 * of {@link org.medad.nn.clip.TextTransformer}.
	 */
	public static Map<String, Tensor> clipText(Map<String, Tensor> openai) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		openai.forEach((key, t) -> {
			if (key.startsWith("visual.") || key.equals("logit_scale") || key.equals("input_resolution")
					|| key.equals("context_length") || key.equals("vocab_size")) {
				return;
			}
			out.put(rename(key), t);
		});
		return out;
	}

	/** The block/layer-norm part shared by both CLIP towers: resblocks → blocks with timm names. */
	static String rename(String k) {
		Matcher m = CLIP_BLOCK.matcher(k);
		if (m.matches()) {
			String rest = m.group(2);
			String mapped = CLIP_BLOCK_NAMES.get(rest);
			if (mapped == null) {
				for (Map.Entry<String, String> e : CLIP_MLP.entrySet()) {
					if (rest.startsWith(e.getKey())) {
						mapped = e.getValue() + rest.substring(e.getKey().length());
					}
				}
			}
			return "blocks." + m.group(1) + "." + (mapped == null ? rest : mapped);
		}
		if (k.startsWith("ln_pre.")) {
			return "norm_pre." + k.substring(7);
		}
		if (k.startsWith("ln_post.")) {
			return "norm." + k.substring(8);
		}
		return k;
	}

	static Tensor reshape(Tensor t, long... shape) {
		return new Tensor(shape, t.data());
	}
}

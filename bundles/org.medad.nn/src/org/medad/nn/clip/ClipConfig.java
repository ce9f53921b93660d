package org.medad.nn.clip;

import org.medad.nn.layer.Activation;
import org.medad.nn.vit.VitConfig;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * A whole CLIP model's sizes: the visual tower (as a {@link VitConfig} at the resolution it runs at), the text tower
 * and the shared embedding width. Reads open_clip's model configuration files ({@code ViT-L-14-336.json}), which
 * give the text tower's head count that OpenAI's state dicts do not record.
 */
public record ClipConfig(VitConfig vision, int embedDim, Text text) {

	/** The text tower: vocabulary, context length, width, heads, layers. */
	public record Text(int vocab, int context, int width, int heads, int layers) {
	}

	/** OpenAI CLIP ViT-L/14-336 with its visual tower rebuilt at 240 px (MVFA, METHODS.md §2.1). */
	public static ClipConfig large14At240() {
		return new ClipConfig(VitConfig.clipLarge14At240(), 768, new Text(49408, 77, 768, 12, 12));
	}

	/**
	 * An open_clip model configuration ({@code embed_dim}, {@code vision_cfg{image_size, layers, width, head_width,
	 * patch_size}}, {@code text_cfg{context_length, vocab_size, width, heads, layers}}) with the visual tower at
	 * {@code imageSize}; {@code act} is the activation of both towers (the JSON's quick_gelu, false by default,
	 * chooses between exact and quick GELU).
	 *
	 * @throws IllegalArgumentException naming the missing or invalid field
	 */
	public static ClipConfig fromOpenClip(String name, String json, int imageSize) {
		JsonObject root;
		try {
			root = JsonParser.parseString(json).getAsJsonObject();
		} catch (RuntimeException e) {
			throw new IllegalArgumentException("not an open_clip model configuration: " + e.getMessage(), e);
		}
		JsonObject v = object(root, "vision_cfg");
		JsonObject t = object(root, "text_cfg");
		int width = integer(v, "width", -1);
		int headWidth = integer(v, "head_width", 64);
		if (width % headWidth != 0) {
			throw new IllegalArgumentException("vision_cfg.width " + width + " is not a multiple of head_width " + headWidth);
		}
		double ratio = v.has("mlp_ratio") ? v.get("mlp_ratio").getAsDouble() : 4.0;
		Activation act = root.has("quick_gelu") && root.get("quick_gelu").getAsBoolean() ? Activation.QUICK_GELU
				: Activation.GELU;
		VitConfig vision = new VitConfig("clip-" + name, imageSize, integer(v, "patch_size", -1), 3, width,
				integer(v, "layers", -1), width / headWidth, (int) Math.round(width * ratio), true, false, false, true, 0,
				VitConfig.PosEmbed.LEARNED, true, true, 1e-5, act);
		Text text = new Text(integer(t, "vocab_size", 49408), integer(t, "context_length", 77), integer(t, "width", -1),
				integer(t, "heads", -1), integer(t, "layers", -1));
		return new ClipConfig(vision, integer(root, "embed_dim", -1), text);
	}

	/** The text tower of these sizes, with the visual tower's activation (one config flag sets both). */
	public TextTransformer textTower(NDManager m) {
		return new TextTransformer(m, text.vocab(), text.context(), text.width(), text.heads(), text.layers(), embedDim,
				vision.act());
	}

	private static JsonObject object(JsonObject o, String key) {
		if (!o.has(key) || !o.get(key).isJsonObject()) {
			throw new IllegalArgumentException("no " + key + " object");
		}
		return o.getAsJsonObject(key);
	}

	private static int integer(JsonObject o, String key, int fallback) {
		if (!o.has(key)) {
			if (fallback < 0) {
				throw new IllegalArgumentException("no " + key);
			}
			return fallback;
		}
		int value = o.get(key).getAsInt();
		if (value <= 0) {
			throw new IllegalArgumentException(key + " = " + value + " is not positive");
		}
		return value;
	}
}

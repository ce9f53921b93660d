package org.medad.nn.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medad.core.model.Tensor;

/**
 * Hugging Face ViT-family names (DINOv2 with registers, ViT-MAE) and Meta's original DINOv2 names onto timm's
 * (METHODS.md §1.10): separate q/k/v are stacked into qkv, DINOv2's raw class token gets position row 0 folded in,
 * position row 0 is dropped where timm's table has none, mask tokens are discarded.
 */
public final class HfKeys {
	private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\.(.+)");
	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("norm1.", "norm1."),
			Map.entry("norm2.", "norm2."), Map.entry("layernorm_before.", "norm1."),
			Map.entry("layernorm_after.", "norm2."), Map.entry("attention.output.dense.", "attn.proj."),
			Map.entry("layer_scale1.lambda1", "ls1.gamma"), Map.entry("layer_scale2.lambda1", "ls2.gamma"),
			Map.entry("mlp.fc1.", "mlp.fc1."), Map.entry("mlp.fc2.", "mlp.fc2."),
			Map.entry("intermediate.dense.", "mlp.fc1."), Map.entry("output.dense.", "mlp.fc2."));

	private HfKeys() {
	}

	public static boolean isHf(Map<String, Tensor> sd) {
		return sd.keySet().stream().anyMatch(k -> k.startsWith("embeddings.") || k.startsWith("vit.embeddings."));
	}

	public static boolean isMetaDinov2(Map<String, Tensor> sd) {
		return sd.containsKey("register_tokens") || (sd.containsKey("mask_token") && sd.containsKey("pos_embed"));
	}

	/** {@code posHasCls}: whether the target table keeps a class row (MAE) or not (DINOv2). */
	public static Map<String, Tensor> fromHf(Map<String, Tensor> hf, boolean posHasCls) {
		Map<String, Tensor> sd = new LinkedHashMap<>();
		hf.forEach((k, v) -> sd.put(k.startsWith("vit.") ? k.substring(4) : k, v));
		Map<String, Tensor> out = new LinkedHashMap<>();
		Tensor pos = sd.get("embeddings.position_embeddings");
		Tensor cls = sd.get("embeddings.cls_token");
		if (pos != null && cls != null && !posHasCls) {
			out.put("cls_token", addRow0(cls, pos));
			out.put("pos_embed", dropRow0(pos));
		} else {
			put(out, "cls_token", cls);
			put(out, "pos_embed", pos);
		}
		put(out, "reg_token", sd.get("embeddings.register_tokens"));
		put(out, "patch_embed.proj.weight", sd.get("embeddings.patch_embeddings.projection.weight"));
		put(out, "patch_embed.proj.bias", sd.get("embeddings.patch_embeddings.projection.bias"));
		put(out, "norm.weight", sd.get("layernorm.weight"));
		put(out, "norm.bias", sd.get("layernorm.bias"));
		Map<String, Tensor[]> qkv = new LinkedHashMap<>();
		for (Map.Entry<String, Tensor> e : sd.entrySet()) {
			Matcher m = LAYER.matcher(e.getKey());
			if (!m.matches()) {
				continue;
			}
			String block = "blocks." + m.group(1) + ".";
			String rest = m.group(2);
			if (rest.startsWith("attention.attention.")) {
				String[] parts = rest.substring("attention.attention.".length()).split("\\.");
				int slot = switch (parts[0]) {
					case "query" -> 0;
					case "key" -> 1;
					default -> 2;
				};
				qkv.computeIfAbsent(block + "attn.qkv." + parts[1], x -> new Tensor[3])[slot] = e.getValue();
				continue;
			}
			for (Map.Entry<String, String> n : NAMES.entrySet()) {
				if (rest.startsWith(n.getKey())) {
					out.put(block + n.getValue() + rest.substring(n.getKey().length()), e.getValue());
					break;
				}
			}
		}
		qkv.forEach((name, parts) -> out.put(name, stackRows(parts)));
		return out;
	}

	public static Map<String, Tensor> fromMetaDinov2(Map<String, Tensor> meta) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		Tensor pos = meta.get("pos_embed");
		meta.forEach((k, v) -> {
			switch (k) {
				case "mask_token" -> {
				}
				case "cls_token" -> out.put("cls_token", addRow0(v, pos));
				case "pos_embed" -> out.put("pos_embed", dropRow0(v));
				case "register_tokens" -> out.put("reg_token", v);
				default -> out.put(k, v);
			}
		});
		return out;
	}

	private static void put(Map<String, Tensor> out, String key, Tensor t) {
		if (t != null) {
			out.put(key, t);
		}
	}

	private static Tensor addRow0(Tensor cls, Tensor pos) {
		float[] c = cls.data().clone();
		for (int i = 0; i < c.length; i++) {
			c[i] += pos.data()[i];
		}
		return new Tensor(cls.shape().clone(), c);
	}

	private static Tensor dropRow0(Tensor pos) {
		long rows = pos.shape()[1];
		long dim = pos.shape()[2];
		float[] d = java.util.Arrays.copyOfRange(pos.data(), (int) dim, pos.data().length);
		return new Tensor(new long[] { 1, rows - 1, dim }, d);
	}

	private static Tensor stackRows(Tensor[] parts) {
		int n = 0;
		for (Tensor t : parts) {
			n += t.data().length;
		}
		float[] d = new float[n];
		int at = 0;
		for (Tensor t : parts) {
			System.arraycopy(t.data(), 0, d, at, t.data().length);
			at += t.data().length;
		}
		long[] shape = parts[0].shape().clone();
		shape[0] *= 3;
		return new Tensor(shape, d);
	}
}

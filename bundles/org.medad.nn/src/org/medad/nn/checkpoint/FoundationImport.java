package org.medad.nn.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.Tensor;
import org.medad.nn.Module;
import org.medad.nn.clip.TextTransformer;
import org.medad.nn.layer.Activation;
import org.medad.nn.resample.PatchEmbedResample;
import org.medad.nn.resample.PositionEmbeddingResample;
import org.medad.nn.vit.VisionTransformer;
import org.medad.nn.vit.VitConfig;

import ai.djl.ndarray.NDManager;

/**
 * Turns downloaded foundation weights into the names and sizes a configuration needs (DESIGN.md "Model packages"):
 * renames (timm, Hugging Face, Meta, OpenAI CLIP), resamples position tables to the configured grid and patch
 * kernels to the configured patch size (FlexiViT), then checks every key and shape against the architecture built
 * from the configuration. A mismatch is a model error (exit 4) listing missing, unexpected and mis-shaped keys.
 */
public final class FoundationImport {

	public enum Source {
		TIMM, HF, OPENAI_CLIP, QFAE_PTH;

		public static Source parse(String text) throws UsageException {
			return switch (text.toLowerCase(Locale.ROOT)) {
				case "timm" -> TIMM;
				case "hf" -> HF;
				case "openai-clip" -> OPENAI_CLIP;
				case "qfae-pth" -> QFAE_PTH;
				default -> throw new UsageException("unknown --from " + text + ": timm, hf, openai-clip or qfae-pth");
			};
		}

		public String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	/** Weights under the product's names, the configuration they fit, and what was done to them. */
	public record Result(Map<String, Tensor> weights, Map<String, Object> settings, List<String> steps) {
	}

	private FoundationImport() {
	}

	/**
	 * @param arch architecture name or JSON file (ViT sources); for qfae-pth "qfae" (published sizes) or a JSON file
	 *             of {@link QfaeLayout.Sizes}
	 */
	public static Result convert(NDManager m, Source from, Map<String, Tensor> raw, String arch, Consumer<String> log)
			throws MedadException {
		Map<String, Tensor> sd = Checkpoints.unwrap(raw);
		List<String> steps = new ArrayList<>();
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("kind", "foundation");
		settings.put("from", from.label());
		Map<String, Tensor> out;
		switch (from) {
			case TIMM, HF -> {
				VitConfig c = Architectures.vit(arch == null ? "dinov2-l14-reg4" : arch);
				Map<String, Tensor> timm = sd;
				if (from == Source.HF || HfKeys.isHf(sd)) {
					timm = HfKeys.fromHf(sd, c.posIncludesCls());
					steps.add("renamed Hugging Face keys to timm's");
					if (sd.keySet().stream().anyMatch(k -> k.contains("layernorm_before"))) {
						log.accept("warning: Hugging Face ViT-MAE weights were converted from Meta's visualisation checkpoint"
								+ " and differ from timm's mae_pretrain weights that QFAE uses (METHODS.md §1.10)");
					}
				} else if (HfKeys.isMetaDinov2(sd)) {
					timm = HfKeys.fromMetaDinov2(sd);
					steps.add("converted Meta's DINOv2 layout (class token + position row 0, registers, mask token dropped)");
				}
				out = adapt(timm, c, "", steps);
				check(new VisionTransformer(m, c), out, "");
				settings.put("architecture", c.name());
				settings.put("config", c);
			}
			case OPENAI_CLIP -> {
				VitConfig c = Architectures.vit(arch == null ? "clip-l14-336" : arch);
				Map<String, Tensor> visual = adapt(KeyMaps.clipVisual(sd), c, "", steps);
				check(new VisionTransformer(m, c), visual, "visual.");
				Map<String, Tensor> text = KeyMaps.clipText(sd);
				check(textTower(m, text, c.act()), text, "text.");
				out = new LinkedHashMap<>();
				visual.forEach((k, v) -> out.put("visual." + k, v));
				Tensor proj = KeyMaps.clipVisualProjection(sd);
				if (proj != null) {
					out.put("visual.proj", proj);
				}
				text.forEach((k, v) -> out.put("text." + k, v));
				if (sd.containsKey("logit_scale")) {
					out.put("logit_scale", sd.get("logit_scale"));
				}
				settings.put("architecture", c.name());
				settings.put("config", c);
				steps.add("visual tower under visual.* with timm names, text tower under text.*");
			}
			default -> {
				QfaeLayout.Sizes sizes = arch == null || arch.equals("qfae") ? QfaeLayout.published()
						: Architectures.json(java.nio.file.Path.of(arch), QfaeLayout.Sizes.class);
				check(new QfaeLayout(m, sizes), sd, "");
				out = sd;
				settings.put("architecture", "qfae");
				settings.put("config", sizes);
			}
		}
		settings.put("steps", steps);
		return new Result(out, settings, steps);
	}

	/** Position table to the configured grid, patch kernel to the configured patch size. */
	static Map<String, Tensor> adapt(Map<String, Tensor> sd, VitConfig c, String prefix, List<String> steps) {
		Map<String, Tensor> out = new LinkedHashMap<>(sd);
		Tensor pos = sd.get(prefix + "pos_embed");
		int cls = c.posIncludesCls() && c.clsToken() ? 1 : 0;
		if (pos != null && pos.shape().length == 3 && pos.shape()[2] == c.dim()) {
			long rows = pos.shape()[1] - cls;
			int grid = (int) Math.round(Math.sqrt(rows));
			if ((long) grid * grid == rows && grid != c.grid()) {
				float[] r = PositionEmbeddingResample.resample(pos.data(), cls, grid, c.grid(), c.dim());
				out.put(prefix + "pos_embed", new Tensor(new long[] { 1, cls + (long) c.grid() * c.grid(), c.dim() }, r));
				steps.add("position table " + grid + "x" + grid + " -> " + c.grid() + "x" + c.grid() + " (AA-bicubic)");
			}
		}
		Tensor kernel = sd.get(prefix + "patch_embed.proj.weight");
		if (kernel != null && kernel.shape().length == 4 && kernel.shape()[2] == kernel.shape()[3]
				&& kernel.shape()[2] != c.patchSize()) {
			int old = (int) kernel.shape()[2];
			float[] r = PatchEmbedResample.resample(kernel.data(), (int) kernel.shape()[0], (int) kernel.shape()[1], old,
					c.patchSize());
			out.put(prefix + "patch_embed.proj.weight", new Tensor(
					new long[] { kernel.shape()[0], kernel.shape()[1], c.patchSize(), c.patchSize() }, r));
			steps.add("patch kernel " + old + " -> " + c.patchSize() + " (FlexiViT pseudo-inverse)");
		}
		return out;
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

	private static void check(Module model, Map<String, Tensor> sd, String label) throws ModelException {
		KeyReport report = StateDicts.compare(model, sd);
		if (!report.clean()) {
			throw new ModelException("the checkpoint does not fit the architecture" + (label.isEmpty() ? "" : " (" + label
					+ "*)") + ":\n" + report.describe(25));
		}
	}
}

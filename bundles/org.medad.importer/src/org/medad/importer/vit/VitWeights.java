package org.medad.importer.vit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.medad.core.error.MedadException;
import org.medad.core.model.Tensor;
import org.medad.importer.Imported;
import org.medad.importer.KeyCheck;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.HfKeys;
import org.medad.nn.vit.VisionTransformer;
import org.medad.nn.vit.VitConfig;

import ai.djl.ndarray.NDManager;

/**
 * A ViT's weights onto timm's names (DESIGN.md "Model packages"): Hugging Face and Meta DINOv2 layouts are
 * recognised and renamed, the position table and patch kernel resampled to the configured sizes, every key checked.
 */
final class VitWeights {
	static final String DEFAULT_ARCH = "dinov2-l14-reg4";

	private VitWeights() {
	}

	static Imported convert(String source, NDManager m, Map<String, Tensor> sd, String arch, boolean hf,
			Consumer<String> log) throws MedadException {
		VitConfig c = Architectures.vit(arch == null ? DEFAULT_ARCH : arch);
		List<String> steps = new ArrayList<>();
		Map<String, Tensor> timm = sd;
		if (hf || HfKeys.isHf(sd)) {
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
		Map<String, Tensor> out = VitResample.adapt(timm, c, "", steps);
		KeyCheck.against(new VisionTransformer(m, c), out, "");
		return Imported.of(source, out, c.name(), c, steps);
	}

	static String architectures() {
		return String.join(", ", Architectures.names()) + " (default " + DEFAULT_ARCH + ") or a JSON file of sizes";
	}
}

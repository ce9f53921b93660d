package org.medad.detector.qfae.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;
import org.medad.detector.qfae.QfaeConfig;
import org.medad.detector.qfae.QfaeSettings;
import org.medad.detector.qfae.net.PerceptualModel;
import org.medad.detector.qfae.net.QfaeArchitecture;
import org.medad.detector.qfae.net.QfaeAutoencoder;
import org.medad.detector.qfae.net.QfaeNetworks;
import org.medad.importer.Imported;
import org.medad.importer.KeyCheck;
import org.medad.importer.WeightImporter;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.Checkpoints;
import org.medad.nn.checkpoint.HfKeys;
import org.osgi.service.component.annotations.Component;

import ai.djl.ndarray.NDManager;

/**
 * The official QFAE code's {@code last_ckpt.pth} (encoder, projection, Q-Former, decoder) with the MAE perceptual
 * weights it scores with (timm, Meta's {@code mae_pretrain_vit_large.pth} or Hugging Face names), checked key by key,
 * into a {@code qfae} model package that scores without training. The perceptual model stays at its native patch
 * 16; each patch size's kernel and position table are derived from it when the model is built.
 */
@Component(service = WeightImporter.class)
public class QfaeCheckpointImporter implements WeightImporter {
	private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\..*");

	@Override
	public String source() {
		return "qfae-pth";
	}

	@Override
	public String summary() {
		return "QFAE's last_ckpt.pth followed by the MAE perceptual weights (a qfae model package); --arch qfae"
				+ " (published sizes, default) or a JSON file of QfaeArchitecture";
	}

	@Override
	public Imported convert(NDManager m, Map<String, Tensor> sd, String arch, Consumer<String> log)
			throws MedadException {
		QfaeArchitecture a = arch == null || arch.equals("qfae") ? QfaeArchitecture.published()
				: Architectures.json(Path.of(arch), QfaeArchitecture.class);
		Map<String, Tensor> ae = new LinkedHashMap<>();
		Map<String, Tensor> mae = new LinkedHashMap<>();
		sd.forEach((k, v) -> (isAutoencoder(k) ? ae : mae).put(k, v));
		if (ae.isEmpty()) {
			throw new ModelException("qfae-pth: no QFAE checkpoint among the files (no encoders.0.*, junction.* or"
					+ " decoder.* keys); give last_ckpt.pth first, then the MAE weights");
		}
		KeyCheck.against(new QfaeAutoencoder(m, a.autoencoder(), QfaeAutoencoder.Variant.OFFICIAL), ae, "");
		if (mae.isEmpty()) {
			throw new ModelException("qfae-pth: only the QFAE checkpoint was given; its perceptual model is not in it."
					+ " Add the MAE weights it was trained with (timm vit_large_patch16_224.mae or"
					+ " mae_pretrain_vit_large.pth): medad models import --from qfae-pth last_ckpt.pth MAE --out DIR");
		}
		List<String> steps = new ArrayList<>();
		steps.add("QFAE checkpoint: " + ae.size() + " tensors checked against the architecture");
		Map<String, Object> values = new LinkedHashMap<>(QfaeSettings.SCHEMA.defaults().values());
		if (!a.equals(QfaeArchitecture.published())) {
			values.put("architecture", Architectures.toJson(a));
		}
		QfaeConfig c;
		try {
			c = QfaeConfig.of(new Settings(values));
		} catch (IllegalArgumentException e) {
			throw new UsageException("qfae-pth: " + e.getMessage());
		}
		Map<String, Tensor> timm = perceptual(mae, c.perceptualDepth(), steps);
		KeyCheck.against(new PerceptualModel(m, a.perceptual().withDepth(c.perceptualDepth())), timm, "perceptual.");
		Map<String, Tensor> weights = new LinkedHashMap<>(ae);
		timm.forEach((k, v) -> weights.put(QfaeNetworks.PERCEPTUAL + k, v));
		return Imported.model("qfae", weights, values, steps);
	}

	private static boolean isAutoencoder(String key) {
		return key.startsWith("encoders.") || key.startsWith("junction.") || key.startsWith("decoder.");
	}

	/** MAE weights onto timm's names, keeping the blocks the scoring and training layers read. */
	private static Map<String, Tensor> perceptual(Map<String, Tensor> raw, int depth, List<String> steps) {
		Map<String, Tensor> sd = Checkpoints.unwrap(raw);
		if (HfKeys.isHf(sd)) {
			sd = HfKeys.fromHf(sd, true);
			steps.add("MAE: renamed Hugging Face keys to timm's (warning: Hugging Face's ViT-MAE is Meta's"
					+ " visualisation checkpoint, not the mae_pretrain weights QFAE used)");
		}
		Map<String, Tensor> kept = QfaeNetworks.perceptualBlocks(sd, depth);
		int dropped = sd.size() - kept.size();
		int deepest = sd.keySet().stream().map(BLOCK::matcher).filter(Matcher::matches)
				.mapToInt(b -> Integer.parseInt(b.group(1))).max().orElse(-1);
		steps.add("MAE: blocks 0-" + (depth - 1) + " of " + (deepest + 1) + " kept at native patch 16 (" + dropped
				+ " tensors after the deepest layer used, the final norm and any head dropped)");
		return kept;
	}
}

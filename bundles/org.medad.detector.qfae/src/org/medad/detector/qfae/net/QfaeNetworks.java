package org.medad.detector.qfae.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.nn.checkpoint.StateDicts;

import ai.djl.ndarray.NDManager;

/**
 * The two networks of a QFAE model and how a package holds them: the autoencoder under the checkpoint's own names
 * ({@code encoders.0.*}, {@code junction.*}, {@code decoder.*}) and the perceptual model's native patch-16 weights
 * under {@code perceptual.} (timm names, only the blocks used).
 */
public final class QfaeNetworks {
	public static final String PERCEPTUAL = "perceptual.";
	private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\..*");

	public final QfaeAutoencoder autoencoder;
	public final PerceptualModel perceptual;

	/** @param perceptualDepth blocks of the perceptual model to build (deepest layer used + 1) */
	public QfaeNetworks(NDManager m, QfaeArchitecture a, QfaeAutoencoder.Variant variant, int perceptualDepth) {
		this.autoencoder = new QfaeAutoencoder(m, a.autoencoder(), variant);
		this.perceptual = new PerceptualModel(m, a.perceptual().withDepth(perceptualDepth));
	}

	/** Loads every tensor, strictly (each key and shape must match), then derives the perceptual patch sizes. */
	public void load(Map<String, Tensor> weights, String source, int... patches) throws ModelException {
		Map<String, Tensor> ae = new LinkedHashMap<>();
		Map<String, Tensor> mae = new LinkedHashMap<>();
		weights.forEach((k, v) -> {
			if (k.startsWith(PERCEPTUAL)) {
				mae.put(k.substring(PERCEPTUAL.length()), v);
			} else {
				ae.put(k, v);
			}
		});
		StateDicts.load(autoencoder, ae, source);
		StateDicts.load(perceptual, mae, source + " (" + PERCEPTUAL + "*)");
		perceptual.prepare(patches);
	}

	/**
	 * MAE weights under timm's names reduced to what a perceptual model of {@code depth} blocks holds: the blocks
	 * after it, the final norm and any head are left out (no layer used reads them).
	 */
	public static Map<String, Tensor> perceptualBlocks(Map<String, Tensor> timm, int depth) {
		Map<String, Tensor> kept = new LinkedHashMap<>();
		timm.forEach((k, v) -> {
			Matcher b = BLOCK.matcher(k);
			boolean later = b.matches() && Integer.parseInt(b.group(1)) >= depth;
			if (!later && !k.startsWith("norm.") && !k.startsWith("fc_norm.") && !k.startsWith("head.")) {
				kept.put(k, v);
			}
		});
		return kept;
	}

	public Map<String, Tensor> save() {
		Map<String, Tensor> w = new LinkedHashMap<>(StateDicts.save(autoencoder));
		StateDicts.save(perceptual).forEach((k, v) -> w.put(PERCEPTUAL + k, v));
		return w;
	}
}

package org.medad.detector.qfae.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.core.model.TensorStore;
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

	/** {@link #load(TensorStore, String, int...)} from tensors on the heap. */
	public void load(Map<String, Tensor> weights, String source, int... patches) throws ModelException {
		load(TensorStore.of(weights), source, patches);
	}

	/**
	 * Loads every tensor, strictly (each key and shape must match), tensor by tensor from the store, then derives the
	 * perceptual patch sizes.
	 */
	public void load(TensorStore weights, String source, int... patches) throws ModelException {
		StateDicts.load(autoencoder, weights.renamed(k -> k.startsWith(PERCEPTUAL) ? null : k), source);
		StateDicts.load(perceptual, weights.under(PERCEPTUAL), source + " (" + PERCEPTUAL + "*)");
		perceptual.prepare(patches);
	}

	/**
	 * MAE weights under timm's names reduced to what a perceptual model of {@code depth} blocks holds: the blocks
	 * after it, the final norm and any head are left out (no layer used reads them).
	 */
	public static Map<String, Tensor> perceptualBlocks(Map<String, Tensor> timm, int depth) {
		Map<String, Tensor> kept = new LinkedHashMap<>();
		timm.forEach((k, v) -> {
			if (usedBy(k, depth)) {
				kept.put(k, v);
			}
		});
		return kept;
	}

	/** {@link #perceptualBlocks(Map, int)} as a view of a store: nothing is read. */
	public static TensorStore perceptualBlocks(TensorStore timm, int depth) {
		return timm.renamed(k -> usedBy(k, depth) ? k : null);
	}

	private static boolean usedBy(String timmKey, int depth) {
		Matcher b = BLOCK.matcher(timmKey);
		boolean later = b.matches() && Integer.parseInt(b.group(1)) >= depth;
		return !later && !timmKey.startsWith("norm.") && !timmKey.startsWith("fc_norm.") && !timmKey.startsWith("head.");
	}

	public Map<String, Tensor> save() {
		Map<String, Tensor> w = new LinkedHashMap<>(StateDicts.save(autoencoder));
		StateDicts.save(perceptual).forEach((k, v) -> w.put(PERCEPTUAL + k, v));
		return w;
	}
}

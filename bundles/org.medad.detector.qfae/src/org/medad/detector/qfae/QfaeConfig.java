package org.medad.detector.qfae;

import java.util.Arrays;

import org.medad.core.settings.Settings;
import org.medad.detector.qfae.net.QfaeArchitecture;
import org.medad.detector.qfae.net.QfaeAutoencoder;
import org.medad.detector.qfae.net.QfaeNetworks;
import org.medad.detector.qfae.score.ImageScore;
import org.medad.nn.checkpoint.Architectures;

import ai.djl.ndarray.NDManager;

/**
 * The settings of one QFAE run, typed and checked. {@code randomInit}: the frozen encoder and perceptual model keep
 * random weights (the cpu and tiny presets, or init=random); every output of such a model says so.
 */
public record QfaeConfig(String preset, boolean randomInit, QfaeArchitecture architecture,
		QfaeAutoencoder.Variant variant, ImageScore rule, int[] evalPatches,
		int[] evalLayers, int[] trainPatches, int[] trainLayers, boolean l1, int epochs, int batch, double lr,
		double pctStart, boolean augment, double maxMinutes, int featureCacheMB) {

	/** @throws IllegalArgumentException naming the setting that does not hold */
	public static QfaeConfig of(Settings s) {
		String preset = s.getString(QfaeSettings.PRESET);
		String json = s.getString(QfaeSettings.ARCHITECTURE).strip();
		QfaeArchitecture arch;
		if (!json.isEmpty()) {
			try {
				arch = Architectures.fromJson(json, QfaeArchitecture.class);
			} catch (RuntimeException e) {
				throw new IllegalArgumentException("setting architecture is not a QFAE architecture: " + e.getMessage());
			}
		} else {
			arch = switch (preset) {
				case "cpu" -> QfaeArchitecture.cpu();
				case "tiny" -> QfaeArchitecture.tiny();
				case "paper-b14" -> QfaeArchitecture.publishedBase14();
				default -> QfaeArchitecture.published();
			};
		}
		String dataset = s.getString(QfaeSettings.DATASET);
		ImageScore rule = dataset.equals("chest") ? ImageScore.MEAN_THEN_MAX : ImageScore.MAX_THEN_MEAN;
		String evalPatches = s.getString(QfaeSettings.EVAL_PATCHES).strip();
		int[] eval = evalPatches.isEmpty() ? (dataset.equals("liver") ? new int[] { 8, 16 } : new int[] { 16, 32, 56 })
				: ints(QfaeSettings.EVAL_PATCHES, evalPatches);
		int[] train = ints(QfaeSettings.TRAIN_PATCHES, s.getString(QfaeSettings.TRAIN_PATCHES));
		int size = arch.imageSize();
		for (int p : concat(eval, train)) {
			if (p < 1 || size % p != 0) {
				throw new IllegalArgumentException("perceptual patch size " + p + " does not divide the image size "
						+ size);
			}
		}
		int[] evalLayers = ints(QfaeSettings.EVAL_LAYERS, s.getString(QfaeSettings.EVAL_LAYERS));
		int[] trainLayers = ints(QfaeSettings.TRAIN_LAYERS, s.getString(QfaeSettings.TRAIN_LAYERS));
		for (int l : concat(evalLayers, trainLayers)) {
			if (l < 0 || l >= arch.perceptual().depth()) {
				throw new IllegalArgumentException("perceptual layer " + l + " is not a block of the "
						+ arch.perceptual().depth() + "-block perceptual model");
			}
		}
		String init = s.getString(QfaeSettings.INIT);
		boolean random = init.equals("random") || init.equals("auto") && !preset.startsWith("paper");
		QfaeAutoencoder.Variant variant = new QfaeAutoencoder.Variant(
				s.getString(QfaeSettings.BOTTLENECK).equals("none"), s.getString(QfaeSettings.QFORMER_STYLE).equals("blip2"));
		return new QfaeConfig(preset, random, arch, variant, rule, eval, evalLayers, train, trainLayers,
				s.getString(QfaeSettings.LOSS).equals("l1"), s.getInt(QfaeSettings.EPOCHS), s.getInt(QfaeSettings.BATCH),
				s.getDouble(QfaeSettings.LR), s.getDouble(QfaeSettings.PCT_START), s.getBoolean(QfaeSettings.AUGMENT),
				s.getDouble(QfaeSettings.MAX_MINUTES), s.getInt(QfaeSettings.FEATURE_CACHE));
	}

	/** The networks of this configuration, with random weights until loaded. */
	public QfaeNetworks networks(NDManager m) {
		return new QfaeNetworks(m, architecture, variant, perceptualDepth());
	}

	/** Perceptual blocks the model needs: up to the deepest layer scoring or training reads. */
	public int perceptualDepth() {
		return Arrays.stream(concat(evalLayers, trainLayers)).max().orElse(0) + 1;
	}

	/** Every patch size scoring or training uses. */
	public int[] allPatches() {
		return Arrays.stream(concat(evalPatches, trainPatches)).distinct().toArray();
	}

	static int[] ints(String key, String text) {
		try {
			int[] v = Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty())
					.mapToInt(Integer::parseInt).toArray();
			if (v.length == 0) {
				throw new IllegalArgumentException("setting " + key + " lists no values");
			}
			return v;
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("setting " + key + " must be whole numbers separated by commas, not '"
					+ text + "'");
		}
	}

	private static int[] concat(int[] a, int[] b) {
		int[] c = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}
}

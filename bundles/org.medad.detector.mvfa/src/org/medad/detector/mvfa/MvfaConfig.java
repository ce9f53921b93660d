package org.medad.detector.mvfa;

import java.util.Arrays;
import java.util.Set;

import org.medad.core.settings.Settings;
import org.medad.detector.mvfa.text.Prompts;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.clip.ClipConfig;
import org.medad.nn.layer.Activation;
import org.medad.nn.vit.VitConfig;

/** The settings resolved into what the networks and the scoring rule need. */
record MvfaConfig(String preset, ClipConfig clip, int[] levels, boolean randomInit, String dataset, String object,
		boolean zeroShot, int epochs, double lr, double maxMinutes) {
	/** Data sets with masks: pixel maps, image score = max of the combined map. */
	private static final Set<String> PIXEL = Set.of("brain", "liver", "resc");

	static MvfaConfig of(Settings s) {
		String preset = s.getString(MvfaSettings.PRESET);
		String arch = s.getString(MvfaSettings.ARCHITECTURE).strip();
		ClipConfig clip = arch.isEmpty() ? clip(preset) : Architectures.fromJson(arch, ClipConfig.class);
		String levelText = s.getString(MvfaSettings.LEVELS).strip();
		int[] levels = levelText.isEmpty() ? defaultLevels(clip.vision().depth())
				: Arrays.stream(levelText.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
		String init = s.getString(MvfaSettings.INIT);
		boolean random = init.equals("random") || init.equals("auto") && !preset.equals("paper");
		String dataset = s.getString(MvfaSettings.DATASET);
		String object = s.getString(MvfaSettings.OBJECT).strip();
		boolean zero = s.getString(MvfaSettings.PROTOCOL).equals("zero-shot");
		double lr = s.getDouble(MvfaSettings.LR) > 0 ? s.getDouble(MvfaSettings.LR) : zero ? 1e-4 : 1e-3;
		return new MvfaConfig(preset, clip, levels, random, dataset, object.isEmpty() ? Prompts.OBJECT_NAMES.get(dataset)
				: object, zero, s.getInt(MvfaSettings.EPOCHS), lr, s.getDouble(MvfaSettings.MAX_MINUTES));
	}

	/** CLIP of each preset: ViT-L/14-336 at 240, or narrow random towers with the real vocabulary and grid. */
	static ClipConfig clip(String preset) {
		return switch (preset) {
			case "paper" -> ClipConfig.large14At240();
			case "cpu" -> new ClipConfig(vision("clip-cpu", 128, 8, 4), 64, new ClipConfig.Text(49408, 77, 64, 4, 4));
			case "tiny" -> new ClipConfig(vision("clip-tiny", 32, 4, 2), 16, new ClipConfig.Text(49408, 77, 16, 2, 1));
			default -> throw new IllegalArgumentException("unknown preset " + preset);
		};
	}

	private static VitConfig vision(String name, int width, int depth, int heads) {
		return new VitConfig(name, 240, 14, 3, width, depth, heads, 4 * width, true, false, false, true, 0,
				VitConfig.PosEmbed.LEARNED, true, true, 1e-5, Activation.GELU);
	}

	/** After every quarter of the blocks, as 6, 12, 18, 24 of CLIP-L's 24. */
	static int[] defaultLevels(int depth) {
		int step = Math.max(1, depth / 4);
		return new int[] { step, 2 * step, 3 * step, depth };
	}

	/** Whether the data set has masks: the pixel branch of the official scoring. */
	boolean pixelBranch() {
		return PIXEL.contains(dataset);
	}

	int side() {
		return clip.vision().imgSize();
	}
}

package org.medad.detector.liverfreq;

import java.util.List;

import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.SettingsSchema;

/**
 * Every setting of the liver detector; the defaults are the paper's (METHODS.md §3), {@code preset=cpu} swaps in
 * narrow networks at 128 px so training converges on two cores in minutes.
 */
final class LiverFreqSettings {
	static final String PRESET = "preset";
	static final String SIZE = "size";
	static final String RECON_WIDTH = "reconWidth";
	static final String SEG_WIDTH = "segWidth";
	static final String EPOCHS = "epochs";
	static final String MAX_MINUTES = "maxMinutes";
	static final String BATCH = "batch";
	static final String LR = "lr";
	static final String CUTOFF = "cutoff";
	static final String ORDER = "order";
	static final String SMOOTH = "sf";
	static final String LOCAL = "local";
	static final String BREAK = "break";
	static final String SYNTH = "synth";
	static final String MODE = "mode";
	static final String SOURCE = "anomalySource";
	static final String ORGAN_MASKS = "organMasks";
	static final String WINDOW = "window";
	static final String CLEAN = "cleanShare";
	static final String BETA_MIN = "betaMin";
	static final String BETA_MAX = "betaMax";
	static final String ALPHA_DECAY = "alphaDecay";
	static final String SSIM_WEIGHT = "ssimWeight";
	static final String GAMMA = "focalGamma";

	static final SettingsSchema SCHEMA = SettingsSchema.of(
			SettingSpec.choice(PRESET, "paper", List.of("paper", "cpu"),
					"paper: the published sizes (256 px, widths 128/64, lr 1e-4, 230 epochs); cpu: 64 px, widths 16/16,"
							+ " lr 2e-3, 20 epochs (about 5 minutes for 200 slices on 2 cores)"),
			SettingSpec.integer(SIZE, 0, 0, 1024, "Side in pixels of the network input, a multiple of 32 (0 = preset: 256, cpu 64)"),
			SettingSpec.integer(RECON_WIDTH, 0, 0, 256, "Base width of the reconstruction network (0 = preset: 128, cpu 16)"),
			SettingSpec.integer(SEG_WIDTH, 0, 0, 128, "Base width of the segmentation U-Net (0 = preset: 64, cpu 16)"),
			SettingSpec.integer(EPOCHS, 0, 0, 10000, "Training epochs over the normal slices (0 = preset: 230, cpu 20)"),
			SettingSpec.real(MAX_MINUTES, 0, 0, 100000, "Stop training after this many minutes (0 = no limit)"),
			SettingSpec.integer(BATCH, 8, 1, 256, "Slices per training step"),
			SettingSpec.real(LR, 0, 0, 1, "Adam learning rate, x0.2 at 80% and 90% of the steps (0 = preset: 1e-4, cpu 2e-3)"),
			SettingSpec.real(CUTOFF, 30, 0.5, 512, "Butterworth cut-off D0 in frequency samples at 256 px (scaled with size)"),
			SettingSpec.integer(ORDER, 2, 1, 10, "Butterworth order n (exponent 2n)"),
			SettingSpec.integer(SMOOTH, 21, 1, 101, "Mean filter size for the image score (odd)"),
			SettingSpec.bool(LOCAL, true, "Pseudo-lesions only inside the organ (ablation 'Local')"),
			SettingSpec.bool(BREAK, true, "Butterworth high-pass before reconstruction (ablation 'Break')"),
			SettingSpec.bool(SYNTH, true, "Synthesise pseudo-lesions (off: normal images only, ablation NOS)"),
			SettingSpec.choice(MODE, "liverfreq", List.of("liverfreq", "draem"),
					"draem: texture source, no organ restriction, no high-pass (the paper's main baseline)"),
			SettingSpec.path(SOURCE, "folder", "Folder of anomaly source images (the paper: brain-tumour MRI); empty ="
					+ " procedural"),
			SettingSpec.path(ORGAN_MASKS, "folder", "Folder of organ masks named like the training images (slices are"
					+ " multiplied by their mask); empty = the organ is the non-zero pixels"),
			SettingSpec.interval(WINDOW, -10000, 10000, "CT window 'lower,upper' in HU mapped to [0, 1] before resizing"
					+ " (LiTS liver: -200,250); empty = divide by the training slices' median 99th percentile"),
			SettingSpec.real(CLEAN, 0.5, 0, 1, "Share of training samples left without pseudo-lesion"),
			SettingSpec.real(BETA_MIN, 0.1, 0, 1, "Lowest opacity of the anomaly texture"),
			SettingSpec.real(BETA_MAX, 1.0, 0, 1, "Highest opacity of the anomaly texture"),
			SettingSpec.real(ALPHA_DECAY, 0.05, 0, 1, "Per-epoch decrease of the skip weight alpha (1 -> 0)"),
			SettingSpec.real(SSIM_WEIGHT, 1.0, 0, 10, "Weight of 1 - SSIM in the reconstruction loss"),
			SettingSpec.real(GAMMA, 2.0, 0, 10, "Focal loss gamma"));

	private LiverFreqSettings() {
	}
}

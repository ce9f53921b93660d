package org.medad.detector.liverfreq;

import org.medad.core.settings.Settings;
import org.medad.io.preprocess.CtWindow;

/** The settings resolved against the preset and mode: what the networks and the training loop actually use. */
record LiverFreqConfig(int size, int reconWidth, int segWidth, int epochs, double maxMinutes, int batch, double lr,
		double cutoff, int order, int smooth, boolean local, boolean highPass, boolean synth, boolean textureOnly,
		double clean, double betaMin, double betaMax, double alphaDecay, double ssimWeight, float gamma,
		CtWindow window) {

	static final double PAPER_LR = 1e-4;
	static final double CPU_LR = 2e-3;

	static LiverFreqConfig of(Settings s) {
		boolean cpu = s.getString(LiverFreqSettings.PRESET).equals("cpu");
		boolean draem = s.getString(LiverFreqSettings.MODE).equals("draem");
		// cpu: measured on 2 cores, 128 px trained at 1.8 s/step and was still near chance after 7 minutes (docs/results.md);
		// 64 px at 0.5-0.6 s/step with a 20x larger step learns within ten minutes
		int size = pick(cpu, s, LiverFreqSettings.SIZE, 256, 64);
		int recon = pick(cpu, s, LiverFreqSettings.RECON_WIDTH, 128, 16);
		int seg = pick(cpu, s, LiverFreqSettings.SEG_WIDTH, 64, 16);
		// 20 epochs: α reaches 0.05, not 0; at 64 px the U-Net's bottleneck is 4×4, and with the skips gone (30
		// epochs) the map lost all localisation on the phantom (pixel AUROC 0.38 against 0.64 after 20)
		int epochs = pick(cpu, s, LiverFreqSettings.EPOCHS, 230, 20);
		if (size % 32 != 0) {
			throw new IllegalArgumentException("size " + size + " is not a multiple of 32 (five pooling levels)");
		}
		double lr = s.getDouble(LiverFreqSettings.LR);
		if (lr == 0) {
			lr = cpu ? CPU_LR : PAPER_LR;
		}
		return new LiverFreqConfig(size, recon, seg, epochs, s.getDouble(LiverFreqSettings.MAX_MINUTES),
				s.getInt(LiverFreqSettings.BATCH), lr, s.getDouble(LiverFreqSettings.CUTOFF),
				s.getInt(LiverFreqSettings.ORDER), s.getInt(LiverFreqSettings.SMOOTH) | 1,
				!draem && s.getBoolean(LiverFreqSettings.LOCAL), !draem && s.getBoolean(LiverFreqSettings.BREAK),
				s.getBoolean(LiverFreqSettings.SYNTH), draem, s.getDouble(LiverFreqSettings.CLEAN),
				s.getDouble(LiverFreqSettings.BETA_MIN), s.getDouble(LiverFreqSettings.BETA_MAX),
				s.getDouble(LiverFreqSettings.ALPHA_DECAY), s.getDouble(LiverFreqSettings.SSIM_WEIGHT),
				(float) s.getDouble(LiverFreqSettings.GAMMA), window(s.getString(LiverFreqSettings.WINDOW)));
	}

	/** "lower,upper" in HU, or null for none. */
	static CtWindow window(String text) {
		if (text.isBlank()) {
			return null;
		}
		String[] parts = text.split(",");
		try {
			if (parts.length == 2) {
				return new CtWindow(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("window must be 'lower,upper' in HU, e.g. -200,250; got '" + text + "'");
	}

	/**
	 * The setting, or where it is 0 (its default) the preset's value: model.json keeps the 0, so a saved model resolves
	 * the same way, and any value the user sets wins, the paper's value included.
	 */
	private static int pick(boolean cpu, Settings s, String key, int paper, int cpuValue) {
		int v = s.getInt(key);
		return v != 0 ? v : cpu ? cpuValue : paper;
	}

	/** D0 is specified at 256 px; frequencies scale with the image side. */
	double cutoffAtSize() {
		return cutoff * size / 256.0;
	}
}

package org.medad.detector.pixelstats;

import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.SettingsSchema;

/** The settings of the per-pixel Gaussian baseline. */
final class PixelStatsSettings {
	static final String SIZE = "size";
	static final String EPS = "eps";
	static final String SIGMA = "sigma";

	static final SettingsSchema SCHEMA = SettingsSchema.of(
			SettingSpec.integer(SIZE, 128, 8, 1024, "Side in pixels to which every slice is resized before statistics"),
			SettingSpec.real(EPS, 0.02, 1e-6, 10,
					"Floor added to the standard deviation, in units of the training intensity scale"),
			SettingSpec.real(SIGMA, 2.0, 0, 16, "Gaussian smoothing of the anomaly map in pixels (0 = none)"));

	private PixelStatsSettings() {
	}
}

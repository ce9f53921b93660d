package org.medad.ui.view;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The windows a reader picks from: CT presets in HU (the common radiology values; abdomen/liver is [-200, 250]),
 * the file's own DICOM window where it has one (the default then), and for MR or anything without units a window
 * from the 1st to the 99th percentile of the voxels.
 */
public final class WindowPresets {
	/** A named window. */
	public record Preset(String name, WindowLevel window) {
		@Override
		public String toString() {
			return name + " (" + window + ")";
		}
	}

	/** CT presets in HU. */
	public static final List<Preset> CT = List.of(new Preset("Brain", new WindowLevel(40, 80)),
			new Preset("Abdomen / liver", WindowLevel.range(-200, 250)), new Preset("Lung", new WindowLevel(-600, 1500)),
			new Preset("Bone", new WindowLevel(400, 1800)));

	private WindowPresets() {
	}

	/**
	 * The window a case opens with: the DICOM window of the file if present (the readers' metadata keys
	 * {@code window_center} / {@code window_width}, first value when several), else the percentile window of {@code sample}.
	 */
	public static WindowLevel initial(Map<String, String> metadata, float[] sample) {
		WindowLevel dicom = dicom(metadata);
		return dicom != null ? dicom : percentiles(sample, 1, 99);
	}

	/** The file's DICOM window, or null. */
	public static WindowLevel dicom(Map<String, String> metadata) {
		Double c = first(metadata.get("window_center"));
		Double w = first(metadata.get("window_width"));
		return c == null || w == null || !(w > 0) ? null : new WindowLevel(c, w);
	}

	/** From the {@code lowP}-th to the {@code highP}-th percentile of the finite values (nearest rank). */
	public static WindowLevel percentiles(float[] sample, double lowP, double highP) {
		float[] v = Arrays.copyOf(sample, sample.length);
		int n = 0;
		for (float f : v) {
			if (Float.isFinite(f)) {
				v[n++] = f;
			}
		}
		if (n == 0) {
			return WindowLevel.range(0, 1);
		}
		Arrays.sort(v, 0, n);
		double lo = v[(int) Math.floor(lowP / 100 * (n - 1))];
		double hi = v[(int) Math.ceil(highP / 100 * (n - 1))];
		return hi > lo ? WindowLevel.range(lo, hi) : WindowLevel.range(lo - 0.5, lo + 0.5);
	}

	private static Double first(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Double.parseDouble(value.split("\\\\")[0].trim());
		} catch (NumberFormatException e) {
			return null;
		}
	}
}

package org.medad.ui.view;

/**
 * Colour maps for anomaly heat maps, as 256-entry RGB tables: {@code HOT} (black, red, yellow, white; the
 * common heat-map choice), {@code JET} (blue to red, what the papers' figures use) and {@code GREY}.
 */
public enum ColourMap {
	HOT("Hot") {
		@Override
		int rgbOf(double t) {
			return pack(clamp(3 * t), clamp(3 * t - 1), clamp(3 * t - 2));
		}
	},
	JET("Jet") {
		@Override
		int rgbOf(double t) {
			return pack(clamp(1.5 - Math.abs(4 * t - 3)), clamp(1.5 - Math.abs(4 * t - 2)), clamp(1.5 - Math.abs(4 * t
					- 1)));
		}
	},
	GREY("Grey") {
		@Override
		int rgbOf(double t) {
			return pack(t, t, t);
		}
	};

	private final String label;
	private volatile int[] table;

	ColourMap(String label) {
		this.label = label;
	}

	abstract int rgbOf(double t);

	/** The 0xRRGGBB colour of {@code t} in [0, 1] (clamped; NaN is the lowest colour). */
	public int rgb(double t) {
		int[] lut = lut();
		int i = t > 0 ? (int) Math.min(255, t * 255 + 0.5) : 0;
		return lut[i];
	}

	/** The 256 entries, built once. */
	public int[] lut() {
		int[] t = table;
		if (t == null) {
			t = new int[256];
			for (int i = 0; i < 256; i++) {
				t[i] = rgbOf(i / 255.0);
			}
			table = t; // the same values whichever thread builds it first
		}
		return t;
	}

	public String label() {
		return label;
	}

	private static double clamp(double v) {
		return v < 0 ? 0 : v > 1 ? 1 : v;
	}

	static int pack(double r, double g, double b) {
		return ((int) Math.round(r * 255) << 16) | ((int) Math.round(g * 255) << 8) | (int) Math.round(b * 255);
	}
}

package org.medad.ui.view;

/**
 * A heat map over a grey slice: map values from {@code low} to {@code high} through the colour map, blended with
 * {@code opacity}; values below {@code threshold} (default the model's calibrated pixel threshold) leave the scan
 * as it is, so only what the model flags is coloured.
 */
public record Overlay(ColourMap colours, double low, double high, double threshold, double opacity) {

	public Overlay {
		if (!(high > low)) {
			throw new IllegalArgumentException("overlay range [" + low + ", " + high + "] is empty");
		}
		opacity = Math.max(0, Math.min(1, opacity));
	}

	/** The 0xRRGGBB pixel of a grey value 0..255 under a map value. */
	public int blend(int grey, double value) {
		int g = (grey << 16) | (grey << 8) | grey;
		if (!(value >= threshold) || opacity == 0) {
			return g; // below the threshold, and NaN
		}
		int c = colours.rgb((value - low) / (high - low));
		return mix(g, c, opacity);
	}

	/** The same overlay with another threshold (the slider). */
	public Overlay withThreshold(double t) {
		return new Overlay(colours, low, high, t, opacity);
	}

	public Overlay withOpacity(double o) {
		return new Overlay(colours, low, high, threshold, o);
	}

	/**
	 * Legend ticks: {@code n} evenly spaced values from low to high, each with its colour, for the bar beside the
	 * views.
	 */
	public double[] ticks(int n) {
		double[] t = new double[n];
		for (int i = 0; i < n; i++) {
			t[i] = n == 1 ? low : low + (high - low) * i / (n - 1);
		}
		return t;
	}

	static int mix(int a, int b, double alpha) {
		int r = (int) Math.round(((a >> 16) & 255) * (1 - alpha) + ((b >> 16) & 255) * alpha);
		int g = (int) Math.round(((a >> 8) & 255) * (1 - alpha) + ((b >> 8) & 255) * alpha);
		int bl = (int) Math.round((a & 255) * (1 - alpha) + (b & 255) * alpha);
		return (r << 16) | (g << 8) | bl;
	}
}

package org.medad.ui.view;

/**
 * A display window over intensities in real units (HU for CT): {@code level} at mid-grey, {@code width} from black
 * to white, as radiologists state it ("W 450 L 25"). Pure arithmetic, shared by the views and their tests.
 */
public record WindowLevel(double level, double width) {
	/** The narrowest window allowed, so that a drag can never divide by zero. */
	public static final double MIN_WIDTH = 1e-6;

	public WindowLevel {
		if (!Double.isFinite(level) || !Double.isFinite(width)) {
			throw new IllegalArgumentException("window " + width + " / level " + level + " is not a number");
		}
		width = Math.max(MIN_WIDTH, width);
	}

	/** The window from {@code low} (black) to {@code high} (white). */
	public static WindowLevel range(double low, double high) {
		return new WindowLevel((low + high) / 2, high - low);
	}

	public double low() {
		return level - width / 2;
	}

	public double high() {
		return level + width / 2;
	}

	/** The grey value 0..255 of an intensity: linear inside the window, clamped outside. */
	public int grey(double value) {
		double t = (value - low()) / width;
		if (!(t > 0)) {
			return 0; // below, and NaN
		}
		return t >= 1 ? 255 : (int) (t * 255 + 0.5);
	}

	/**
	 * The window after a right-drag of {@code dx, dy} screen pixels, the convention of 3D Slicer and ITK-SNAP:
	 * right widens, left narrows; down raises the level, up lowers it; {@code perPixel} intensity units per pixel.
	 */
	public WindowLevel dragged(double dx, double dy, double perPixel) {
		return new WindowLevel(level + dy * perPixel, width + dx * perPixel);
	}

	/** As shown in the status bar and the presets menu: "W 450 L 25". */
	@Override
	public String toString() {
		return "W " + Numbers.compact(width) + " L " + Numbers.compact(level);
	}
}

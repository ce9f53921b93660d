package org.medad.ui.view;

/** The colours of chart series (the Train curves, the Evaluate runs), in order: Tableau's first seven. */
public final class Palette {
	private static final int[][] RGB = { { 31, 119, 180 }, { 214, 39, 40 }, { 44, 160, 44 }, { 148, 103, 189 },
			{ 255, 127, 14 }, { 140, 86, 75 }, { 23, 190, 207 } };

	private Palette() {
	}

	/** Red, green and blue of series {@code i} (the colours repeat after the seventh). */
	public static int[] rgb(int i) {
		return RGB[i % RGB.length].clone();
	}
}

package org.medad.ui.view;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * One view's picture of a slice as 0xRRGGBB pixels, row by row: the scan through its window, the heat map over it
 * (when there is one) and the ground-truth mask's outline on top (pixels of the mask next to a pixel outside it).
 * Inputs are the slice views {@link SliceGeometry#view} gives, all on the same screen grid; nothing is copied
 * before this, and the output buffer is reused from frame to frame.
 */
public final class SliceRenderer {
	/** The outline colour of the ground-truth mask: green, as Slicer draws segment outlines. */
	public static final int CONTOUR = 0x00FF00;

	private SliceRenderer() {
	}

	/**
	 * Paints into {@code out} (length at least width x height; a new one if null or too short) and returns it.
	 *
	 * @param map the anomaly map on the same grid, or null
	 * @param mask the ground truth on the same grid (non-zero inside), or null
	 */
	public static int[] render(RandomAccessibleInterval<FloatType> scan, WindowLevel window,
			RandomAccessibleInterval<FloatType> map, Overlay overlay, RandomAccessibleInterval<FloatType> mask,
			int[] out) {
		int w = (int) scan.dimension(0);
		int h = (int) scan.dimension(1);
		int[] px = out != null && out.length >= w * h ? out : new int[w * h];
		Cursor<FloatType> s = Views.flatIterable(scan).cursor();
		Cursor<FloatType> m = map == null || overlay == null ? null : Views.flatIterable(check(map, w, h)).cursor();
		for (int i = 0; i < w * h; i++) {
			int grey = window.grey(s.next().get());
			px[i] = m == null ? (grey << 16) | (grey << 8) | grey : overlay.blend(grey, m.next().get());
		}
		if (mask != null) {
			outline(check(mask, w, h), w, h, px);
		}
		return px;
	}

	private static void outline(RandomAccessibleInterval<FloatType> mask, int w, int h, int[] px) {
		boolean[] in = new boolean[w * h];
		Cursor<FloatType> c = Views.flatIterable(mask).cursor();
		for (int i = 0; i < in.length; i++) {
			in[i] = c.next().get() != 0;
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				if (in[i] && (x == 0 || y == 0 || x == w - 1 || y == h - 1 || !in[i - 1] || !in[i + 1] || !in[i - w]
						|| !in[i + w])) {
					px[i] = CONTOUR;
				}
			}
		}
	}

	private static RandomAccessibleInterval<FloatType> check(RandomAccessibleInterval<FloatType> layer, int w, int h) {
		if (layer.dimension(0) != w || layer.dimension(1) != h) {
			throw new IllegalArgumentException("a layer of " + layer.dimension(0) + " x " + layer.dimension(1)
					+ " over a slice of " + w + " x " + h + ": map and mask must be on the scan's grid");
		}
		return layer;
	}
}

package org.medad.ui.view;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

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
		return renderView(scan, window, map, overlay, mask, 0, 0, scan.dimension(0), scan.dimension(1),
				(int) scan.dimension(0), (int) scan.dimension(1), out);
	}

	/**
	 * The same picture resampled (nearest voxel) onto a view of {@code outW} x {@code outH} pixels, where the slice
	 * covers the rectangle at ({@code x0}, {@code y0}) of {@code dw} x {@code dh} pixels (zoomed, panned, at its
	 * physical aspect); pixels outside it are black. The work is the view's pixel count, whatever the slice's size or
	 * the zoom: what a radiologist sees of a 512 x 512 slice in a small view costs that view, not the slice.
	 */
	public static int[] renderView(RandomAccessibleInterval<FloatType> scan, WindowLevel window,
			RandomAccessibleInterval<FloatType> map, Overlay overlay, RandomAccessibleInterval<FloatType> mask,
			double x0, double y0, double dw, double dh, int outW, int outH, int[] out) {
		int w = (int) scan.dimension(0);
		int h = (int) scan.dimension(1);
		int[] px = out != null && out.length >= outW * outH ? out : new int[outW * outH];
		int[] column = new int[outW];
		for (int x = 0; x < outW; x++) {
			double u = Math.floor((x + 0.5 - x0) / dw * w);
			column[x] = u >= 0 && u < w ? (int) u : -1;
		}
		if (map != null) {
			check(map, w, h);
		}
		if (mask != null) {
			check(mask, w, h);
		}
		if ((long) outW * outH < PARALLEL_PIXELS) {
			rows(scan, window, map, overlay, mask, y0, dh, outW, 0, outH, column, px);
		} else { // two halves at once, each with its own accessors: the views only read
			int half = outH / 2;
			java.util.stream.IntStream.range(0, 2).parallel().forEach(part -> rows(scan, window, map, overlay, mask, y0,
					dh, outW, part == 0 ? 0 : half, part == 0 ? half : outH, column, px));
		}
		return px;
	}

	/** Views of at least this many pixels are composed in two halves at once. */
	static final long PARALLEL_PIXELS = 40_000;

	/** Composes view rows {@code [yFrom, yTo)} into {@code px}. */
	private static void rows(RandomAccessibleInterval<FloatType> scan, WindowLevel window,
			RandomAccessibleInterval<FloatType> map, Overlay overlay, RandomAccessibleInterval<FloatType> mask,
			double y0, double dh, int outW, int yFrom, int yTo, int[] column, int[] px) {
		int w = (int) scan.dimension(0);
		int h = (int) scan.dimension(1);
		RandomAccess<FloatType> s = scan.randomAccess();
		RandomAccess<FloatType> m = map == null || overlay == null ? null : map.randomAccess();
		RandomAccess<FloatType> k = mask == null ? null : mask.randomAccess();
		int lastRow = -1;
		int lastV = -1;
		for (int y = yFrom; y < yTo; y++) {
			double vd = Math.floor((y + 0.5 - y0) / dh * h);
			int row = y * outW;
			if (vd < 0 || vd >= h) {
				java.util.Arrays.fill(px, row, row + outW, 0);
				continue;
			}
			int v = (int) vd;
			if (v == lastV) { // zoomed in: this view row shows the same voxel row as the one above
				System.arraycopy(px, lastRow, px, row, outW);
				continue;
			}
			// the accessors step along the row (column[] only grows), cheaper than placing them at every pixel
			int at = -1;
			for (int x = 0; x < outW; x++) {
				int u = column[x];
				if (u < 0) {
					px[row + x] = 0;
					continue;
				}
				if (at < 0) {
					s.setPosition(u, 0);
					s.setPosition(v, 1);
					if (m != null) {
						m.setPosition(u, 0);
						m.setPosition(v, 1);
					}
				} else if (u != at) {
					s.move(u - at, 0);
					if (m != null) {
						m.move(u - at, 0);
					}
				}
				at = u;
				int grey = window.grey(s.get().get());
				int c = m != null ? overlay.blend(grey, m.get().get()) : (grey << 16) | (grey << 8) | grey;
				if (k != null && onOutline(k, u, v, w, h)) {
					c = CONTOUR;
				}
				px[row + x] = c;
			}
			lastRow = row;
			lastV = v;
		}
	}

	/** Whether voxel (u, v) is inside the mask and next to a voxel outside it (or the slice's edge). */
	private static boolean onOutline(RandomAccess<FloatType> k, int u, int v, int w, int h) {
		if (!inside(k, u, v)) {
			return false;
		}
		return u == 0 || v == 0 || u == w - 1 || v == h - 1 || !inside(k, u - 1, v) || !inside(k, u + 1, v) || !inside(
				k, u, v - 1) || !inside(k, u, v + 1);
	}

	private static boolean inside(RandomAccess<FloatType> k, int u, int v) {
		k.setPosition(u, 0);
		k.setPosition(v, 1);
		return k.get().get() != 0;
	}

	private static RandomAccessibleInterval<FloatType> check(RandomAccessibleInterval<FloatType> layer, int w, int h) {
		if (layer.dimension(0) != w || layer.dimension(1) != h) {
			throw new IllegalArgumentException("a layer of " + layer.dimension(0) + " x " + layer.dimension(1)
					+ " over a slice of " + w + " x " + h + ": map and mask must be on the scan's grid");
		}
		return layer;
	}
}

package org.medad.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** Scan, overlay and mask outline composed pixel by pixel, row by row, into a reused buffer. */
class SliceRendererTest {

	/** A view large enough to be composed in two halves at once gives every pixel as one pass would. */
	@Test
	void aLargeViewComposedInHalvesIsWhole() {
		int w = 300;
		int h = 301; // odd: the halves differ by a row
		assertEquals(true, (long) w * h >= SliceRenderer.PARALLEL_PIXELS);
		float[] scan = new float[w * h];
		float[] map = new float[w * h];
		for (int i = 0; i < scan.length; i++) {
			scan[i] = i % 997;
			map[i] = (i % 7) / 6f;
		}
		WindowLevel window = WindowLevel.range(0, 996);
		Overlay overlay = new Overlay(ColourMap.HOT, 0, 1, 0.5, 0.6);
		int[] px = SliceRenderer.render(ArrayImgs.floats(scan, w, h), window, ArrayImgs.floats(map, w, h), overlay,
				null, null);
		for (int i = 0; i < scan.length; i++) {
			assertEquals(overlay.blend(window.grey(scan[i]), map[i]), px[i], "pixel " + i);
		}
	}

	@Test
	void scanOverlayAndOutline() {
		int w = 5;
		int h = 4;
		float[] scan = new float[w * h];
		for (int i = 0; i < scan.length; i++) {
			scan[i] = i * 10; // 0 .. 190
		}
		float[] map = new float[w * h];
		map[7] = 1; // (2, 1)
		float[] mask = new float[w * h];
		for (int y = 1; y <= 3; y++) {
			for (int x = 1; x <= 3; x++) {
				mask[y * w + x] = 1; // a 3 x 3 square in the lower right: its centre (2, 2) is inside, not outline
			}
		}
		ArrayImg<FloatType, FloatArray> s = ArrayImgs.floats(scan, w, h);
		WindowLevel window = WindowLevel.range(0, 190);
		Overlay overlay = new Overlay(ColourMap.HOT, 0, 1, 0.5, 1);
		int[] px = SliceRenderer.render(s, window, ArrayImgs.floats(map, w, h), overlay, ArrayImgs.floats(mask, w, h),
				null);
		assertEquals(0x000000, px[0], "darkest voxel, outside the mask");
		assertEquals(grey(window.grey(40)), px[4], "row-major: (4, 0) is the fifth pixel");
		assertEquals(SliceRenderer.CONTOUR, px[7], "the outline wins over the map");
		assertEquals(SliceRenderer.CONTOUR, px[w + 1]);
		int centre = 2 * w + 2;
		assertEquals(grey(window.grey(scan[centre])), px[centre], "inside the mask, not its edge");
		assertEquals(grey(255), px[w * h - 1], "brightest voxel: (4, 3) lies outside the square");

		map[centre] = 1;
		int[] again = SliceRenderer.render(s, window, ArrayImgs.floats(map, w, h), overlay, null, px);
		assertSame(px, again, "the buffer is reused");
		assertEquals(ColourMap.HOT.rgb(1), again[centre], "over the threshold: coloured");
		assertEquals(grey(window.grey(scan[centre - 1])), again[centre - 1]);

		int[] plain = SliceRenderer.render(s, window, null, null, null, new int[3]);
		assertEquals(w * h, plain.length, "a buffer too short is replaced");
		assertThrows(IllegalArgumentException.class, () -> SliceRenderer.render(s, window, ArrayImgs.floats(3, 3),
				overlay, null, null));
	}

	/** Resampled onto a zoomed, panned view: each voxel covers a block; outside the slice the view is black. */
	@Test
	void theViewIsTheSliceResampled() {
		int w = 5;
		int h = 4;
		float[] scan = new float[w * h];
		float[] map = new float[w * h];
		float[] mask = new float[w * h];
		for (int i = 0; i < scan.length; i++) {
			scan[i] = i * 10;
			map[i] = i % 3 == 0 ? 1 : 0;
			mask[i] = i >= 6 && i % w >= 1 && i % w <= 3 ? 1 : 0;
		}
		WindowLevel window = WindowLevel.range(0, 190);
		Overlay overlay = new Overlay(ColourMap.JET, 0, 1, 0.5, 0.7);
		var s = ArrayImgs.floats(scan, w, h);
		var m = ArrayImgs.floats(map, w, h);
		var k = ArrayImgs.floats(mask, w, h);
		int[] slice = SliceRenderer.render(s, window, m, overlay, k, null);
		int[] zoomed = SliceRenderer.renderView(s, window, m, overlay, k, 2, 1, 3 * w, 2 * h, 3 * w + 4, 2 * h + 2,
				null);
		int ow = 3 * w + 4;
		for (int y = 0; y < 2 * h + 2; y++) {
			for (int x = 0; x < ow; x++) {
				int u = Math.floorDiv(x - 2, 3);
				int v = Math.floorDiv(y - 1, 2);
				int expected = u < 0 || u >= w || v < 0 || v >= h ? 0 : slice[v * w + u];
				assertEquals(expected, zoomed[y * ow + x], "view pixel " + x + "," + y);
			}
		}
	}

	private static int grey(int g) {
		return (g << 16) | (g << 8) | g;
	}
}

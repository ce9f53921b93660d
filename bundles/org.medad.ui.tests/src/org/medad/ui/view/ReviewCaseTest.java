package org.medad.ui.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.medad.core.image.Geometry;
import org.medad.core.image.Volume;

import net.imglib2.img.array.ArrayImgs;

/** The open case: linked crosshair and scrolling, the probe, layers on the scan's grid, 2D pictures as depth one. */
class ReviewCaseTest {

	static Volume volume(long nx, long ny, long nz, float scale, Map<String, String> meta) {
		float[] v = new float[(int) (nx * ny * nz)];
		for (int i = 0; i < v.length; i++) {
			v[i] = i * scale;
		}
		Geometry g = new Geometry(new double[] { 1, 1, 2 }, new double[3], new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 },
				true);
		return new Volume("v.nii", ArrayImgs.floats(v, nx, ny, nz), g, "CT", meta);
	}

	@Test
	void theCrosshairLinksTheViewsAndScrollingMovesItAcrossOneViewsSlices() {
		ReviewCase c = new ReviewCase(volume(8, 6, 4, 1, Map.of("window_center", "40", "window_width", "400")));
		List<long[]> seen = new ArrayList<>();
		c.addListener(x -> seen.add(x.crosshair()));
		assertArrayEquals(new long[] { 4, 3, 2 }, c.crosshair(), "opens in the middle");
		assertEquals(new WindowLevel(40, 400), c.window(), "the file's window");
		c.setWindow(new WindowLevel(1, 2));
		assertEquals(new WindowLevel(40, 400), c.initialWindow(), "kept, to go back to");
		c.setWindow(c.initialWindow());
		c.scroll(ViewPlane.AXIAL, 1);
		assertArrayEquals(new long[] { 4, 3, 3 }, c.crosshair(), "axial slices step along S");
		c.scroll(ViewPlane.AXIAL, 5);
		assertArrayEquals(new long[] { 4, 3, 3 }, c.crosshair(), "clamped at the last slice");
		c.scroll(ViewPlane.SAGITTAL, -2);
		assertArrayEquals(new long[] { 2, 3, 3 }, c.crosshair(), "sagittal slices step along R");
		assertEquals(3 + 2, seen.size(), "two window changes, three moves");
		long[] s = c.geometry(ViewPlane.CORONAL).screen(c.crosshair());
		assertEquals(3, s[2], "the coronal view shows the crosshair's row");
		c.moveTo(new long[] { -5, 99, 1 });
		assertArrayEquals(new long[] { 0, 5, 1 }, c.crosshair());
		double[] p = c.probe(new long[] { 1, 2, 3 });
		assertEquals(1 + 8 * 2 + 48 * 3, p[0], 0);
		assertTrue(Double.isNaN(p[1]), "no map yet");
	}

	@Test
	void layersMustLieOnTheScansGrid() {
		ReviewCase c = new ReviewCase(volume(8, 6, 4, 1, Map.of()));
		assertNull(c.map());
		c.showMap(volume(8, 6, 4, 0.01f, Map.of()), 0.3);
		assertEquals(0.3, c.overlay().threshold(), 0);
		assertEquals(191 * 0.01, c.overlay().high(), 1e-5, "the overlay runs to the map's maximum");
		assertEquals(0.01 * (1 + 8 * 2 + 48 * 3), c.probe(new long[] { 1, 2, 3 })[1], 1e-6);
		assertArrayEquals(new long[] { 7, 5, 3 }, c.mapMaximum(), "the last voxel holds the ramp's maximum");
		c.jumpToMaximum();
		assertArrayEquals(new long[] { 7, 5, 3 }, c.crosshair());
		c.showOverlay(false);
		assertNull(c.map(), "hidden");
		assertFalse(c.overlayShown());
		var e = assertThrows(IllegalArgumentException.class, () -> c.showMask(volume(8, 6, 3, 1, Map.of())));
		assertTrue(e.getMessage().contains("8 x 6 x 3") && e.getMessage().contains("scan's grid"), e.getMessage());
	}

	@Test
	void aPictureIsOneSliceDeep() {
		ReviewCase c = new ReviewCase(Volume.ofPixels("x.png", ArrayImgs.floats(new float[] { 0, 1, 2, 3, 4, 5 }, 3,
				2)));
		assertArrayEquals(new long[] { 3, 2, 1 }, c.dims());
		assertFalse(c.isVolume());
		assertEquals(1, c.geometry(ViewPlane.AXIAL).slices());
		assertEquals(5, c.probe(new long[] { 2, 1, 0 })[0], 0);
		assertEquals(0, c.window().low(), 1e-9, "no DICOM window: the percentiles");
		assertEquals(5, c.window().high(), 1e-9);
	}
}

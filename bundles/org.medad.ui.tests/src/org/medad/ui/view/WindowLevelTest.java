package org.medad.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Window/level arithmetic, the right-drag convention, the presets and the window a case opens with. */
class WindowLevelTest {

	@Test
	void greyIsLinearInsideTheWindowAndClampedOutside() {
		WindowLevel liver = WindowLevel.range(-200, 250);
		assertEquals(25, liver.level(), 1e-12);
		assertEquals(450, liver.width(), 1e-12);
		assertEquals("W 450 L 25", liver.toString());
		assertEquals(0, liver.grey(-200));
		assertEquals(255, liver.grey(250));
		assertEquals(128, liver.grey(25));
		assertEquals(57, liver.grey(-100)); // 100 / 450 * 255 = 56.7
		assertEquals(0, liver.grey(-1000));
		assertEquals(255, liver.grey(3000));
		assertEquals(0, liver.grey(Double.NaN));
	}

	@Test
	void rightDragWidensToTheRightAndRaisesTheLevelDownwards() {
		WindowLevel w = new WindowLevel(40, 80).dragged(10, -5, 2);
		assertEquals(30, w.level(), 1e-12);
		assertEquals(100, w.width(), 1e-12);
		WindowLevel narrow = new WindowLevel(40, 80).dragged(-1000, 0, 1);
		assertEquals(WindowLevel.MIN_WIDTH, narrow.width(), 0, "never zero or negative");
		assertEquals(255, narrow.grey(41));
		assertThrows(IllegalArgumentException.class, () -> new WindowLevel(Double.NaN, 1));
	}

	@Test
	void presetsAndTheInitialWindow() {
		assertEquals("Abdomen / liver (W 450 L 25)", WindowPresets.CT.get(1).toString());
		assertEquals(-200, WindowPresets.CT.get(1).window().low(), 1e-12);
		assertEquals(250, WindowPresets.CT.get(1).window().high(), 1e-12);
		assertEquals(4, WindowPresets.CT.size());

		float[] ramp = new float[101];
		for (int i = 0; i < ramp.length; i++) {
			ramp[i] = i;
		}
		WindowLevel dicom = WindowPresets.initial(Map.of("window_center", "40.0", "window_width", "400.0"), ramp);
		assertEquals(new WindowLevel(40, 400), dicom, "the file's own window first");
		assertEquals(new WindowLevel(-600, 1500), WindowPresets.dicom(Map.of("window_center", "-600\\40",
				"window_width", "1500\\400")), "the first of several windows");
		assertNull(WindowPresets.dicom(Map.of("window_center", "40", "window_width", "0")));
		assertNull(WindowPresets.dicom(Map.of("window_center", "x", "window_width", "10")));

		WindowLevel auto = WindowPresets.initial(Map.of(), ramp);
		assertEquals(1, auto.low(), 1e-12, "1st percentile");
		assertEquals(99, auto.high(), 1e-12, "99th percentile");
		float[] flat = { 7, 7, Float.NaN, 7 };
		assertEquals(WindowLevel.range(6.5, 7.5), WindowPresets.percentiles(flat, 1, 99), "a flat image still shows");
		assertEquals(WindowLevel.range(0, 1), WindowPresets.percentiles(new float[] { Float.NaN }, 1, 99));
	}
}

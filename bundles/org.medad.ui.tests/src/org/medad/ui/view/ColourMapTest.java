package org.medad.ui.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The colour tables, the overlay's threshold and opacity, the legend's ticks. */
class ColourMapTest {

	@Test
	void tablesRunFromTheirLowestToTheirHighestColour() {
		assertEquals(0x000000, ColourMap.HOT.rgb(0));
		assertEquals(0xFF0000, ColourMap.HOT.rgb(1 / 3.0), "hot: red at a third");
		assertEquals(0xFFFF00, ColourMap.HOT.rgb(2 / 3.0), "yellow at two thirds");
		assertEquals(0xFFFFFF, ColourMap.HOT.rgb(1));
		assertEquals(0xFFFFFF, ColourMap.HOT.rgb(7), "clamped above");
		assertEquals(0x000000, ColourMap.HOT.rgb(Double.NaN), "NaN is the lowest colour");
		assertEquals(0x000080, ColourMap.JET.rgb(0), "jet: dark blue");
		int mid = ColourMap.JET.rgb(0.5);
		assertEquals(255, (mid >> 8) & 255, "jet: green in the middle");
		assertEquals(128, mid >> 16, 3);
		assertEquals(128, mid & 255, 3);
		assertEquals(0x800000, ColourMap.JET.rgb(1), "dark red");
		assertEquals(0x808080, ColourMap.GREY.rgb(0.5));
		int previous = -1;
		for (int i = 0; i < 256; i++) {
			int c = ColourMap.HOT.lut()[i];
			int sum = (c >> 16) + ((c >> 8) & 255) + (c & 255);
			assertTrue(sum >= previous, "hot brightens monotonically at " + i);
			previous = sum;
		}
	}

	@Test
	void theOverlayColoursOnlyWhatReachesTheThreshold() {
		Overlay o = new Overlay(ColourMap.HOT, 0, 1, 0.5, 1);
		assertEquals(0x404040, o.blend(0x40, 0.49), "below the threshold the scan shows through");
		assertEquals(0x404040, o.blend(0x40, Double.NaN));
		assertEquals(ColourMap.HOT.rgb(0.75), o.blend(0x40, 0.75), "opacity 1: the colour alone");
		Overlay half = o.withOpacity(0.5);
		int c = ColourMap.HOT.rgb(1);
		assertEquals(Overlay.mix(0x404040, c, 0.5), half.blend(0x40, 1));
		assertEquals(0xA0A0A0, half.blend(0x40, 1), "(64 + 255) / 2 per channel, rounded");
		assertEquals(0x404040, o.withOpacity(0).blend(0x40, 1));
		assertEquals(0x404040, o.withThreshold(0.9).blend(0x40, 0.8));
		assertArrayEquals(new double[] { 0, 0.25, 0.5, 0.75, 1 }, o.ticks(5), 1e-12);
		assertThrows(IllegalArgumentException.class, () -> new Overlay(ColourMap.HOT, 1, 1, 0, 1));
	}
}

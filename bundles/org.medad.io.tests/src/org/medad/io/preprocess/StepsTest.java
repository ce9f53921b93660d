package org.medad.io.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.medad.core.detect.Channels;
import org.medad.core.detect.InputSpec;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;

class StepsTest {

	@Test
	void everyDeclaredStepParsesAndWritesBackTheSame() {
		for (String s : List.of("grey", "rgb", "window -160,240", "window -1.5,2.25", "normalise min-max",
				"normalise z-score", "normalise mean-std 0.5,0.25", "normalise percentile 1,99", "resize 224 bicubic antialias",
				"resize 32x16 nearest", "resize 518 bilinear", "resize 64 area", "resize 64 bilinear align-corners",
				"resize 64 bilinear antialias", "resize 64 bicubic")) {
			assertEquals(s, Steps.spec(Steps.parse(s)), s);
		}
		assertEquals("window -160,240", Steps.spec(Steps.parse("  WINDOW   -160,240 ")), "case and spaces are not kept");
		assertEquals(new Resize(224, 224, org.medad.core.image.Resample.Mode.BICUBIC_ANTIALIAS), Steps.parse("resize 224 bicubic antialias"));
		assertEquals(new CtWindow(-160, 240), Steps.parse("window -160,240"));
	}

	@Test
	void aMalformedStepIsQuotedWithTheReason() {
		for (String[] bad : new String[][] { { "sharpen 2", "unknown step 'sharpen'" },
				{ "window 240,-160", "upper must exceed lower" }, { "window 1", "two numbers" },
				{ "window a,b", "not a number" }, { "normalise", "min-max, z-score" },
				{ "normalise mean-std 0.5,0", "positive" }, { "normalise percentile 99,1", "LO < HI" },
				{ "resize 224", "nearest|bilinear|bicubic|area" }, { "resize 0 bilinear", "out of 1..16384" },
				{ "resize 224 lanczos", "unknown interpolation 'lanczos'" }, { "resize 224 bicubic sharp", "is not a mode" }, { "resize 9 area antialias", "is not a mode" },
				{ "grey now", "unexpected 'now'" }, { "window nan,1", "not a number" } }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Steps.parse(bad[0]), bad[0]);
			assertTrue(e.getMessage().startsWith("preprocessing step '" + bad[0] + "'") && e.getMessage().contains(bad[1]),
					e.getMessage());
		}
	}

	@Test
	void anInputConvertsChannelsFirstThenRunsItsSteps() {
		Volume grey = Volume.ofPixels("g", Images.wrap(new float[] { -1000, 0, 100, 1000 }, 2, 2));
		Pipeline p = Steps.of(new InputSpec("axial", 4, Channels.RGB, List.of("window 0,100", "resize 4 nearest")));
		Volume out = p.apply(grey);
		assertEquals(3, out.channels());
		assertEquals(4, out.width());
		float[] px = Images.toArray(out.voxels());
		assertEquals(48, px.length);
		assertArrayEquals(new float[] { 0, 0, 0, 0 }, java.util.Arrays.copyOfRange(px, 0, 4), "row 0: -1000 and 0 -> 0");
		assertEquals(1, px[16 + 8], 0, "channel 1, row 2: 100 -> 1");
		Volume colour = new Volume("c", Images.wrap(new float[] { 10, 20, 30 }, 1, 1, 3),
				org.medad.core.image.Geometry.pixels(2), 3, "OT", java.util.Map.of());
		Volume luma = Steps.of(new InputSpec("axial", 1)).apply(colour);
		assertEquals(1, luma.channels());
		assertEquals(0.299f * 10 + 0.587f * 20 + 0.114f * 30, Images.toArray(luma.voxels())[0], 1e-5);
		assertEquals("grey (luma of colour)", Steps.of(new InputSpec("axial", 1)).describe());
	}
}

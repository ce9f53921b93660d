package org.medad.io.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.image.Geometry;
import org.medad.core.image.GridMap;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.Safetensors;
import org.medad.core.model.Tensor;

/**
 * QFAE's liver preprocessing against OpenCV (fixture: tools/fixtures/liver_roi_fixtures.py) and the geometry it
 * declares, which is what puts maps back where the organ was.
 */
class LiverRoiTest {
	@TempDir
	Path tmp;

	private Map<String, Tensor> fixture() throws Exception {
		Path f = tmp.resolve("liver_roi.safetensors");
		try (InputStream in = getClass().getResourceAsStream("/fixtures/liver_roi.safetensors")) {
			assertNotNull(in, "fixture missing: run tools/fixtures/liver_roi_fixtures.py");
			Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		return Safetensors.read(f);
	}

	/** Grey level for grey level: the resize in OpenCV's fixed point, the bilateral filter with its weights. */
	@Test
	void theCanvasIsWhatOpenCvMakesOfTheSlice() throws Exception {
		Map<String, Tensor> f = fixture();
		for (String name : new String[] { "paste", "scale" }) {
			Tensor in = f.get(name + ".input");
			Volume out = LiverRoi.qfae().apply(Volume.ofPixels(name, Images.wrap(in.data(), (int) in.shape()[1],
					(int) in.shape()[0])));
			assertEquals(224, out.width());
			assertArrayEquals(f.get(name + ".expected").data(), Images.toArray(out.voxels()), name);
		}
	}

	@Test
	void theCanvasLiesWhereTheOrganWasInTheSlice() throws Exception {
		// paste: box x 20..95, y 100..150 (organ 60x40 and a stray pixel at 95,150): 76x51 unscaled, placed at
		// ((224-76)/2, (224-51)/2) = (74, 86), so canvas pixel (74, 86) is slice pixel (20, 100)
		Tensor in = fixture().get("paste.input");
		Geometry g = new Geometry(new double[] { 0.8, 0.6 }, new double[] { 10, -5 }, new double[] { 1, 0, 0, 1 },
				true);
		Volume slice = new Volume("s", Images.wrap(in.data(), 300, 260), g, "CT", Map.of());
		Volume out = LiverRoi.qfae().apply(slice);
		GridMap m = GridMap.between(g, out.geometry());
		assertEquals(20, m.offsetX() + 74 * m.scaleX(), 1e-9);
		assertEquals(100, m.offsetY() + 86 * m.scaleY(), 1e-9);
		assertArrayEquals(new double[] { 0.8, 0.6 }, out.geometry().spacing(), 1e-12, "unscaled: same spacing");
		assertTrue(out.geometry().spacingKnown());
		// scale: box 300x270 scaled by 224/300 to 224x201 at (0, 11): pixel centres spread by 300/224 and 270/201
		Tensor big = fixture().get("scale.input");
		Volume scaled = LiverRoi.qfae().apply(Volume.ofPixels("b", Images.wrap(big.data(), 360, 330)));
		GridMap s = GridMap.between(Geometry.pixels(2), scaled.geometry());
		assertEquals(300.0 / 224, s.scaleX(), 1e-12);
		assertEquals(270.0 / 201, s.scaleY(), 1e-12);
		assertEquals(35 + 0.5 * 300.0 / 224 - 0.5, s.offsetX(), 1e-9, "canvas x 0 is the box's left edge");
		assertEquals(20 + (0.5 - 11) * 270.0 / 201 - 0.5, s.offsetY(), 1e-9);
	}

	@Test
	void aMapOnTheCanvasGoesBackOntoTheOrganAndAMaskComesOntoTheCanvas() throws Exception {
		Tensor in = fixture().get("paste.input");
		Volume slice = Volume.ofPixels("s", Images.wrap(in.data(), 300, 260));
		Volume out = LiverRoi.qfae().apply(slice);
		GridMap m = GridMap.between(slice.geometry(), out.geometry());
		float[] canvasMap = new float[224 * 224];
		canvasMap[(86 + 10) * 224 + 74 + 5] = 7; // canvas (79, 96) = slice (25, 110)
		float[] back = m.toSource(canvasMap, 224, 224, 300, 260);
		assertEquals(7, back[110 * 300 + 25], 1e-6);
		assertEquals(0, back[110 * 300 + 26], 1e-6);
		assertEquals(0, back[5 * 300 + 5], 1e-6, "outside the canvas' reach: zero");
		float[] mask = new float[300 * 260];
		mask[120 * 300 + 40] = 1;
		float[] onCanvas = m.toTarget(mask, 300, 260, 224, 224);
		assertEquals(1, onCanvas[(86 + 20) * 224 + 74 + 20]);
		assertEquals(1, sum(onCanvas), "one pixel stays one pixel unscaled");
	}

	@Test
	void theStepIsDeclaredAndRecordedAsLiverRoi() {
		SliceOp op = Steps.parse("liver-roi 224");
		assertEquals(LiverRoi.qfae(), op);
		assertEquals("liver-roi 224", Steps.spec(op));
		assertTrue(op.crops() && op.then(new GreyToRgb()).crops() && !new GreyToRgb().crops());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Steps.parse("liver-roi"));
		assertTrue(e.getMessage().contains("canvas size"), e.getMessage());
	}

	private static float sum(float[] v) {
		float s = 0;
		for (float x : v) {
			s += x;
		}
		return s;
	}
}

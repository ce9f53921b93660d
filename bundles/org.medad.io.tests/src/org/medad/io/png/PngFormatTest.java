package org.medad.io.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.TestData;
import org.medad.io.write.PngFiles;

import com.google.gson.JsonObject;

class PngFormatTest {
	private final PngFormat png = new PngFormat();

	@TempDir
	Path tmp;

	/** Real PNG slices against the statistics in expected.json (raw samples; RGB pooled over channels). */
	@ParameterizedTest
	@ValueSource(strings = { "png/BrainProtonDensitySlice.png", "png/BrainT1Slice.png", "png/FatMRISlice.png",
			"png/VisibleWomanHeadSlice.png" })
	void readsSharedTestFilesAsExpected(String file) throws Exception {
		JsonObject e = TestData.expected(file);
		Path path = TestData.dir().resolve(file);
		Volume v = png.read(path);
		assertEquals(e.getAsJsonArray("dims").get(0).getAsInt(), v.width());
		assertEquals(e.getAsJsonArray("dims").get(1).getAsInt(), v.height());
		assertEquals(e.get("channels").getAsInt(), png.parseHeader(path).channels());
		assertEquals(e.get("datatype").getAsString(), png.parseHeader(path).datatype());
		JsonObject s = e.getAsJsonObject("stats");
		float[] px = Images.toArray(v.voxels());
		double sum = 0;
		float min = Float.MAX_VALUE;
		float max = -Float.MAX_VALUE;
		for (float f : px) {
			sum += f;
			min = Math.min(min, f);
			max = Math.max(max, f);
		}
		assertEquals(e.get("channels").getAsInt(), v.channels());
		assertEquals(s.get("count").getAsLong(), px.length, "all samples, colour channels pooled");
		assertEquals(s.get("min").getAsDouble(), min, 1e-3);
		assertEquals(s.get("max").getAsDouble(), max, 1e-3);
		assertEquals(s.get("mean").getAsDouble(), sum / px.length, 1e-4 * s.get("mean").getAsDouble());
		assertTrue(!v.geometry().spacingKnown(), "PNG carries no physical spacing");
	}

	@Test
	void eightAndSixteenBitRoundTrip() throws Exception {
		float[] eight = { 0, 1, 128, 255, 7, 9 };
		PngFiles.writeGrey(eight, 3, 2, tmp.resolve("a.png"));
		assertArrayEquals(eight, Images.toArray(png.read(tmp.resolve("a.png")).voxels()));
		assertEquals("uint8", png.parseHeader(tmp.resolve("a.png")).datatype());
		float[] sixteen = { 0, 300, 65535, 1024 };
		PngFiles.writeGrey(sixteen, 2, 2, tmp.resolve("b.png"));
		assertArrayEquals(sixteen, Images.toArray(png.read(tmp.resolve("b.png")).voxels()));
		assertEquals("uint16", png.parseHeader(tmp.resolve("b.png")).datatype());
	}

	@Test
	void nonIntegerValuesAreRefusedNotRounded() {
		assertThrows(java.io.IOException.class, () -> PngFiles.writeGrey(new float[] { 0.5f }, 1, 1, tmp.resolve("c.png")));
		assertTrue(!Files.exists(tmp.resolve("c.png")));
	}

	@Test
	void truncatedFileNamesTheFile() throws Exception {
		PngFiles.writeGrey(new float[64 * 64], 64, 64, tmp.resolve("full.png"));
		byte[] bytes = Files.readAllBytes(tmp.resolve("full.png"));
		Path cut = tmp.resolve("cut.png");
		Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		BadInputException e = assertThrows(BadInputException.class, () -> png.read(cut));
		assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
		assertEquals(3, e.exitCode());
	}

	@Test
	void recognisesByContentNotName() throws Exception {
		PngFiles.writeGrey(new float[4], 2, 2, tmp.resolve("x.png"));
		Path renamed = Files.move(tmp.resolve("x.png"), tmp.resolve("slice_0001"));
		assertTrue(png.isThisFormat(renamed, Files.readAllBytes(renamed)));
		assertTrue(!png.isThisFormat(tmp.resolve("y.png"), "GIF89a".getBytes()));
	}
}

package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code medad inspect} and {@code medad convert} on real files, as a user runs them. */
class InspectConvertTest {
	static final Path TESTDATA = Path.of(System.getProperty("medad.testdata", "../../../shared/testdata"));

	@TempDir
	Path tmp;

	static Path testFile(String name) {
		Path p = TESTDATA.resolve(name);
		if (!Files.isRegularFile(p)) {
			if (System.getenv("CI") != null) {
				throw new AssertionError("test data missing under CI: " + p);
			}
			System.err.println("SKIPPED: test data not found at " + p);
			assumeTrue(false);
		}
		return p;
	}

	@Test
	void inspectJsonFollowsTheContract() throws Exception {
		Path f = testFile("nifti/anatomical.nii");
		Product.Result r = Product.medad(Product.HEADLESS, "inspect", f.toString(), "--json");
		assertEquals(0, r.exitCode(), r.toString());
		JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
		assertEquals("NIfTI-1", j.get("format").getAsString());
		assertEquals("[33,41,25]", j.get("dims").toString());
		assertEquals(1, j.get("channels").getAsInt());
		assertEquals("int16", j.get("datatype").getAsString());
		assertEquals("[2.0,2.0,2.0]", j.get("spacing").toString());
		assertEquals(-610.0, j.get("min").getAsDouble());
		assertEquals(30393.0, j.get("max").getAsDouble());
		assertEquals(284166082.0, j.get("sum").getAsDouble());
		JsonArray a = j.getAsJsonArray("affine");
		assertEquals("[-2.0,0.0,0.0,32.0]", a.get(0).toString());
		assertEquals("[0.0,0.0,0.0,1.0]", a.get(3).toString());
	}

	@Test
	void convertKeepsValuesAndGeometry() throws Exception {
		Path f = testFile("nifti/KmeansTest_T1UCharRaw.nii.gz");
		Path out = tmp.resolve("copy.nii.gz");
		Product.Result c = Product.medad(Product.HEADLESS, "convert", f.toString(), out.toString());
		assertEquals(0, c.exitCode(), c.toString());
		JsonObject before = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect", f.toString(), "--json").out())
				.getAsJsonObject();
		JsonObject after = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect", out.toString(), "--json")
				.out()).getAsJsonObject();
		assertEquals(before.get("dims"), after.get("dims"));
		assertEquals(before.get("sum"), after.get("sum"));
		assertEquals("float32", after.get("datatype").getAsString());
		JsonArray a = before.getAsJsonArray("affine");
		JsonArray b = after.getAsJsonArray("affine");
		for (int r = 0; r < 3; r++) {
			for (int k = 0; k < 4; k++) {
				assertEquals(a.get(r).getAsJsonArray().get(k).getAsDouble(), b.get(r).getAsJsonArray().get(k).getAsDouble(),
						1e-4, "affine " + r + "," + k);
			}
		}
	}

	@Test
	void dicomSeriesFolderInspectsAsOneVolumeInPositionOrder() throws Exception {
		Path series = testFile("dicom/series_ch2bet_ct/IM947036").getParent();
		Product.Result r = Product.medad(Product.HEADLESS, "inspect", series.toString(), "--json");
		assertEquals(0, r.exitCode(), r.toString());
		JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
		assertEquals("DICOM-series", j.get("format").getAsString());
		assertEquals("[181,217,8]", j.get("dims").toString());
		assertEquals("[1.0,1.0,3.0]", j.get("spacing").toString());
		assertEquals(-180379294.0, j.get("sum").getAsDouble());
		// first slice by position (z = -11 mm LPS) is the volume's origin, whatever the file names say
		assertEquals("[0.0,0.0,3.0,-11.0]", j.getAsJsonArray("affine").get(2).toString());
		Path out = tmp.resolve("series.nii.gz");
		assertEquals(0, Product.medad(Product.HEADLESS, "convert", series.toString(), out.toString()).exitCode());
		JsonObject nii = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect", out.toString(), "--json").out())
				.getAsJsonObject();
		assertEquals(j.get("dims"), nii.get("dims"));
		assertEquals(j.get("sum"), nii.get("sum"));
	}

	@Test
	void scoringAVolumeWritesItsMapOnTheInputGeometry() throws Exception {
		Path volume = testFile("nifti/KmeansTest_T1UCharRaw.nii.gz");
		Path data = tmp.resolve("data");
		assertEquals(0, Product.medad(Product.HEADLESS, "phantom", "--out", data.toString(), "--size", "64", "--train",
				"12", "--valid", "2", "--test", "2").exitCode());
		Path model = tmp.resolve("model");
		assertEquals(0, Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data", data.toString(),
				"--out", model.toString(), "--set", "size=64").exitCode());
		Path maps = tmp.resolve("maps");
		Product.Result s = Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
				volume.toString(), "--out", maps.toString());
		assertEquals(0, s.exitCode(), s.toString());
		Path map = maps.resolve("KmeansTest_T1UCharRaw.nii.gz");
		assertTrue(Files.isRegularFile(map), "volume map written as NIfTI: " + s);
		JsonObject in = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect", volume.toString(), "--json")
				.out()).getAsJsonObject();
		JsonObject out = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect", map.toString(), "--json")
				.out()).getAsJsonObject();
		assertEquals(in.get("dims"), out.get("dims"));
		JsonArray a = in.getAsJsonArray("affine"), b = out.getAsJsonArray("affine");
		for (int r = 0; r < 3; r++) {
			for (int k = 0; k < 4; k++) {
				assertEquals(a.get(r).getAsJsonArray().get(k).getAsDouble(), b.get(r).getAsJsonArray().get(k).getAsDouble(),
						1e-4, "affine " + r + "," + k);
			}
		}
		assertTrue(out.get("max").getAsDouble() > 0, "a real map, not zeros");
		assertTrue(Files.readString(maps.resolve("scores.csv")).contains("KmeansTest_T1UCharRaw.nii.gz,"));
	}

	@Test
	void unreadableFilesExitThreeNamingTheFile() throws Exception {
		Path header = testFile("nifti/analyze.hdr");
		Product.Result r = Product.medad(Product.HEADLESS, "inspect", header.toString(), "--json");
		assertEquals(3, r.exitCode(), r.toString());
		assertTrue(r.err().contains("analyze.hdr") && r.err().contains("analyze.img"), r.err());
		Path junk = Files.writeString(tmp.resolve("junk.bin"), "not an image at all");
		Product.Result j = Product.medad(Product.HEADLESS, "inspect", junk.toString());
		assertEquals(3, j.exitCode(), j.toString());
		assertTrue(j.err().contains("junk.bin"), j.err());
	}
}

package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The headless product as users run it: bin/medad in its own process. */
class HeadlessProductTest {
	@TempDir
	Path tmp;

	@Test
	void detectorsJsonListsThePixelstatsBaseline() throws Exception {
		Product.Result r = Product.medad(Product.HEADLESS, "detectors", "--json");
		assertEquals(0, r.exitCode(), r.toString());
		JsonArray all = JsonParser.parseString(r.out()).getAsJsonArray();
		JsonObject px = null;
		for (var e : all) {
			if (e.getAsJsonObject().get("id").getAsString().equals("pixelstats")) {
				px = e.getAsJsonObject();
			}
		}
		assertTrue(px != null, "pixelstats missing from " + r.out());
		assertEquals("Per-pixel Gaussian baseline", px.get("name").getAsString());
		assertEquals("0.1.0", px.get("version").getAsString());
		assertEquals("org.medad.detector.pixelstats", px.get("bundle").getAsString());
		assertEquals("normal", px.get("learnsFrom").getAsString());
		assertEquals(128, px.getAsJsonObject("input").get("size").getAsInt());
		assertEquals("grey", px.getAsJsonObject("input").get("channels").getAsString());
		assertEquals(0, px.getAsJsonObject("input").getAsJsonArray("steps").size(), "pixelstats resizes itself");
		assertFalse(r.out().contains("pixelmedian"), "the example detector is not part of the product");
	}

	@Test
	void demoOnASmallPhantomReportsMetricsAndWritesOutputs() throws Exception {
		Path out = tmp.resolve("demo");
		Product.Result r = Product.medad(Product.HEADLESS, "demo", "--out", out.toString(), "--size", "64", "--train",
				"60", "--valid", "10", "--test", "20", "--json");
		assertEquals(0, r.exitCode(), r.toString());
		JsonObject m = JsonParser.parseString(r.out()).getAsJsonObject();
		assertEquals(20, m.get("n_normal").getAsInt());
		assertEquals(20, m.get("n_anomalous").getAsInt());
		double auroc = m.get("image_auroc").getAsDouble();
		assertTrue(auroc > 0.75 && auroc <= 1, "image AUROC " + auroc);
		assertTrue(m.get("pixel_auroc").getAsDouble() > 0.75, r.out());
		// the full metric set, none null where masks exist
		for (String k : List.of("image_aupr", "f1_max", "pixel_aupr", "pixel_f1_max", "aupro", "dice", "iou",
				"region_overlap", "threshold", "pixel_threshold")) {
			assertTrue(m.has(k) && !m.get(k).isJsonNull(), k + " missing or null in " + r.out());
		}
		for (String k : List.of("image_aupr", "pixel_aupr", "aupro", "dice", "iou", "region_overlap")) {
			double v = m.get(k).getAsDouble();
			assertTrue(v > 0 && v <= 1, k + " = " + v);
		}
		assertEquals("exact", m.get("pixel_metrics").getAsString());
		assertEquals("pixelstats", m.get("detector").getAsString());
		assertEquals(64, m.get("model_sha256").getAsString().length());
		for (String f : List.of("model/model.json", "model/weights.safetensors", "evaluation/metrics.json",
				"evaluation/scores.csv", "evaluation/report.html", "evaluation/maps/test/Ungood/img/00000.png",
				"evaluation/maps/test/Ungood/img/00000.tiff", "evaluation/maps/test/Ungood/img/00000.mask.png",
				"data/test/Ungood/label/00000.png")) {
			assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
		}
		assertEquals(41, Files.readAllLines(out.resolve("evaluation/scores.csv")).size(), "header + 40 cases");
	}

	@Test
	void usageErrorsExitTwoWithUsage() throws Exception {
		Product.Result unknown = Product.medad(Product.HEADLESS, "frobnicate");
		assertEquals(2, unknown.exitCode(), unknown.toString());
		assertTrue(unknown.err().contains("unknown command 'frobnicate'") && unknown.err().contains("usage:"));
		Product.Result badOption = Product.medad(Product.HEADLESS, "detectors", "--colour");
		assertEquals(2, badOption.exitCode(), badOption.toString());
		assertTrue(badOption.err().contains("unknown option --colour"), badOption.err());
		Product.Result missing = Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats");
		assertEquals(2, missing.exitCode(), missing.toString());
		assertTrue(missing.err().contains("--data") || missing.err().contains("--out"), missing.err());
	}

	@Test
	void badDataExitsThreeNamingThePath() throws Exception {
		Path nowhere = tmp.resolve("nowhere");
		Product.Result r = Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data",
				nowhere.toString(), "--out", tmp.resolve("m").toString());
		assertEquals(3, r.exitCode(), r.toString());
		assertTrue(r.err().contains(nowhere.toString()) && r.err().contains("BMAD"), r.err());

		Path empty = tmp.resolve("empty");
		Files.createDirectories(empty.resolve("train/good"));
		Product.Result zero = Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data",
				empty.toString(), "--out", tmp.resolve("m").toString());
		assertEquals(3, zero.exitCode(), zero.toString());
		assertFalse(Files.exists(tmp.resolve("m")), "no model package after a failed run");

		Path corrupt = tmp.resolve("corrupt");
		Files.createDirectories(corrupt.resolve("train/good"));
		Files.writeString(corrupt.resolve("train/good/a.png"), "not a png");
		Product.Result unreadable = Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data",
				corrupt.toString(), "--out", tmp.resolve("m").toString());
		assertEquals(3, unreadable.exitCode(), unreadable.toString());
		assertTrue(unreadable.err().contains("a.png"), unreadable.err());
		assertFalse(Files.exists(tmp.resolve("m")), "no model package after a failed run");
	}

	@Test
	void trainScoreResumeAndTamperedModel() throws Exception {
		Path data = tmp.resolve("data");
		assertEquals(0, Product.medad(Product.HEADLESS, "phantom", "--out", data.toString(), "--size", "48", "--train",
				"20", "--valid", "4", "--test", "4", "--seed", "3").exitCode());
		Path model = tmp.resolve("model");
		Product.Result t = Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data",
				data.toString(), "--out", model.toString(), "--set", "size=48", "--set", "sigma=1");
		assertEquals(0, t.exitCode(), t.toString());
		Path maps = tmp.resolve("maps");
		Files.writeString(data.resolve("test/good/img/broken.png"), "garbage");
		Product.Result s = Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
				data.resolve("test/good/img").toString(), data.resolve("test/Ungood/img").toString(), "--out",
				maps.toString());
		assertEquals(3, s.exitCode(), "one case failed: " + s);
		List<String> rows = Files.readAllLines(maps.resolve("scores.csv"));
		assertEquals(1 + 8, rows.size(), "every readable case scored: " + rows);
		assertTrue(Files.readString(maps.resolve("errors.csv")).contains("broken.png"));
		assertTrue(Files.isRegularFile(maps.resolve("good/img/00000.tiff")), "maps mirror the input paths");
		Product.Result again = Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
				data.resolve("test/good/img").toString(), data.resolve("test/Ungood/img").toString(), "--out",
				maps.toString());
		assertEquals(rows, Files.readAllLines(maps.resolve("scores.csv")), "a rerun skips complete cases");
		assertTrue(again.err().contains("8 already done"), again.err());
		// a case whose map went missing, and a torn last line, are scored again, not duplicated
		Files.delete(maps.resolve("good/img/00001.tiff"));
		Files.writeString(maps.resolve("scores.csv"), "good/img/0000", java.nio.file.StandardOpenOption.APPEND);
		Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
				data.resolve("test/good/img").toString(), data.resolve("test/Ungood/img").toString(), "--out",
				maps.toString());
		List<String> after = Files.readAllLines(maps.resolve("scores.csv"));
		assertEquals(rows.size(), after.size(), "no duplicate or torn rows: " + after);
		assertEquals(1, after.stream().filter(l -> l.startsWith("good/img/00001.png,")).count());
		assertTrue(Files.isRegularFile(maps.resolve("good/img/00001.tiff")));

		Path weights = model.resolve("weights.safetensors");
		byte[] b = Files.readAllBytes(weights);
		b[b.length - 2] ^= 0x55;
		Files.write(weights, b);
		Product.Result tampered = Product.medad(Product.HEADLESS, "evaluate", "--model", model.toString(), "--data",
				data.toString(), "--out", tmp.resolve("eval").toString());
		assertEquals(4, tampered.exitCode(), tampered.toString());
		assertTrue(tampered.err().contains("SHA-256"), tampered.err());
	}

	@Test
	void productShipsLauncherAndThirdPartyNotices() throws Exception {
		assertTrue(Files.isExecutable(Product.HEADLESS.resolve("bin/medad")));
		String notice = Files.readString(Product.HEADLESS.resolve("NOTICE.md"));
		assertTrue(notice.contains("Eclipse Public License 2.0") && notice.contains("ImgLib2"), notice);
	}

	@Test
	void volumePhantomTrainsOnASliceRangeAndEvaluates() throws Exception {
		Path data = tmp.resolve("vol");
		Product.Result p = Product.medad(Product.HEADLESS, "phantom", "--volumes", "--out", data.toString(), "--size",
				"48", "--depth", "8", "--train", "6", "--valid", "1", "--test", "3");
		assertEquals(0, p.exitCode(), p.toString());
		JsonObject info = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect",
				data.resolve("test/Ungood/label/00000.nii.gz").toString(), "--json").out()).getAsJsonObject();
		assertEquals("[48,48,8]", info.get("dims").toString());
		assertEquals(1.0, info.get("max").getAsDouble(), "the mask marks lesion voxels");
		Product.Result t = Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data",
				data.toString(), "--out", tmp.resolve("m").toString(), "--set", "size=48", "--slices", "1:7");
		assertEquals(0, t.exitCode(), t.toString());
		Product.Result e = Product.medad(Product.HEADLESS, "evaluate", "--model", tmp.resolve("m").toString(), "--data",
				data.toString(), "--out", tmp.resolve("e").toString(), "--json");
		assertEquals(0, e.exitCode(), e.toString());
		JsonObject m = JsonParser.parseString(e.out()).getAsJsonObject();
		assertEquals(3, m.get("n_anomalous").getAsInt());
		assertTrue(m.get("pixel_auroc").getAsDouble() > 0.7, e.out());
		assertTrue(m.get("aupro").getAsDouble() > 0, e.out());
		assertTrue(m.get("n_regions").getAsInt() >= 3, "lesions labelled in 3D: " + e.out());
		assertFalse(m.get("dice").isJsonNull(), e.out());
		// score writes the binary mask at the calibrated pixel threshold on the scan's grid, beside the map
		Product.Result s = Product.medad(Product.HEADLESS, "score", "--model", tmp.resolve("m").toString(), "--input",
				data.resolve("test").toString(), "--out", tmp.resolve("s").toString());
		assertEquals(0, s.exitCode(), s.toString());
		JsonObject mask = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect",
				tmp.resolve("s/Ungood/img/00000.mask.nii.gz").toString(), "--json").out()).getAsJsonObject();
		assertEquals("[48,48,8]", mask.get("dims").toString());
		assertTrue(mask.get("max").getAsDouble() <= 1 && mask.get("min").getAsDouble() >= 0, mask.toString());
	}

	@Test
	void versionAndHelp() throws Exception {
		Product.Result v = Product.medad(Product.HEADLESS, "version", "--json");
		assertEquals(0, v.exitCode(), v.toString());
		assertTrue(JsonParser.parseString(v.out()).getAsJsonObject().get("medad").getAsString().startsWith("0.1.0"));
		Product.Result h = Product.medad(Product.HEADLESS, "help");
		assertEquals(0, h.exitCode());
		for (String c : List.of("detectors", "phantom", "train", "score", "evaluate", "demo", "version")) {
			assertTrue(h.out().contains(c), c + " missing from help");
		}
	}
}

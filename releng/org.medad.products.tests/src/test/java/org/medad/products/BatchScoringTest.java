package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code medad score} as a batch: a real DICOM series folder scored as one volume on its own geometry,
 * a manifest whose bad rows go to errors.csv while the rest is scored (exit 3), shards that together
 * equal one run, and another model's output folder refused.
 */
class BatchScoringTest {
	@TempDir
	Path tmp;

	@Test
	void aSeriesFolderAManifestAndShards() throws Exception {
		Path series = InspectConvertTest.testFile("dicom/series_ch2bet_ct/IM947036").getParent();
		Path data = tmp.resolve("data");
		assertEquals(0, Product.medad(Product.HEADLESS, "phantom", "--out", data.toString(), "--size", "64",
				"--train", "30", "--valid", "4", "--test", "6").exitCode());
		Path model = tmp.resolve("m");
		assertEquals(0, Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data", data.toString(),
				"--out", model.toString(), "--set", "size=64").exitCode());

		// a folder holding a DICOM series (copied: outputs mirror the input tree) and a picture
		Path in = tmp.resolve("in");
		Files.createDirectories(in.resolve("patient/ct"));
		try (var files = Files.list(series)) {
			for (Path f : files.toList()) {
				Files.copy(f, in.resolve("patient/ct").resolve(f.getFileName()));
			}
		}
		Files.copy(data.resolve("test/Ungood/img/00000.png"), in.resolve("slice.png"));
		Product.Result s = Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
				in.toString(), "--out", tmp.resolve("s").toString(), "--write-dicom");
		assertEquals(0, s.exitCode(), s.toString());
		List<String> rows = Files.readAllLines(tmp.resolve("s/scores.csv"));
		assertEquals(3, rows.size(), "header, the series as one case, the picture: " + rows);
		assertTrue(rows.get(1).startsWith("patient/ct,"), rows.toString());
		JsonObject map = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect",
				tmp.resolve("s/patient/ct.nii.gz").toString(), "--json").out()).getAsJsonObject();
		assertEquals("[181,217,8]", map.get("dims").toString(), "the map lies on the series' grid");
		assertEquals("[1.0,1.0,3.0]", map.get("spacing").toString(), "spacing from the slice positions, not the tag");
		// --write-dicom: the map also as a DICOM series over the scan, read back by the project's series reader
		JsonObject dicom = JsonParser.parseString(Product.medad(Product.HEADLESS, "inspect",
				tmp.resolve("s/patient/ct.dicom").toString(), "--json").out()).getAsJsonObject();
		assertEquals("DICOM-series", dicom.get("format").getAsString());
		assertEquals("[181,217,8]", dicom.get("dims").toString());
		assertEquals(map.get("spacing").toString(), dicom.get("spacing").toString());
		assertEquals(map.get("affine").toString(), dicom.get("affine").toString(), "the scan's geometry");
		assertEquals(map.get("max").getAsDouble(), dicom.get("max").getAsDouble(), 1e-3 * map.get("max").getAsDouble());

		// a manifest: one good row, a missing file, a label outside {0,1}
		Path csv = tmp.resolve("cases.csv");
		Files.writeString(csv, "path,label,mask\n" + data.resolve("test/good/img/00000.png") + ",0,\n"
				+ "nowhere.png,1,\n" + data.resolve("test/good/img/00001.png") + ",5,\n");
		Product.Result m = Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
				csv.toString(), "--out", tmp.resolve("mf").toString());
		assertEquals(3, m.exitCode(), "some cases failed: " + m);
		assertEquals(2, Files.readAllLines(tmp.resolve("mf/scores.csv")).size());
		String errors = Files.readString(tmp.resolve("mf/errors.csv"));
		assertTrue(errors.contains("nowhere.png: no such file") && errors.contains("label '5'"), errors);

		// evaluate over a manifest (labels, masks, a split column) equals evaluate over the data set's folder
		StringBuilder all = new StringBuilder("path,label,mask,split\n");
		for (String kind : List.of("good", "Ungood")) {
			try (var files = Files.list(data.resolve("test").resolve(kind).resolve("img"))) {
				for (Path f : files.sorted().toList()) {
					Path mask = data.resolve("test/Ungood/label").resolve(f.getFileName());
					all.append(f).append(',').append(kind.equals("good") ? 0 : 1).append(',')
							.append(kind.equals("good") ? "" : mask.toString()).append(",test\n");
				}
			}
		}
		all.append("nowhere.png,1,,test\n").append(data.resolve("train/good/img/00000.png")).append(",,,test\n");
		Path labelled = tmp.resolve("labelled.csv");
		Files.writeString(labelled, all);
		Product.Result ef = Product.medad(Product.HEADLESS, "evaluate", "--model", model.toString(), "--data",
				labelled.toString(), "--out", tmp.resolve("ef").toString(), "--json");
		Product.Result ed = Product.medad(Product.HEADLESS, "evaluate", "--model", model.toString(), "--data",
				data.toString(), "--out", tmp.resolve("ed").toString(), "--json");
		assertEquals(0, ef.exitCode(), ef.toString());
		JsonObject viaManifest = JsonParser.parseString(ef.out()).getAsJsonObject();
		JsonObject viaFolder = JsonParser.parseString(ed.out()).getAsJsonObject();
		for (String k : List.of("image_auroc", "pixel_auroc", "aupro", "dice", "n_normal", "n_anomalous")) {
			assertEquals(viaFolder.get(k).getAsDouble(), viaManifest.get(k).getAsDouble(), 1e-9, k);
		}
		String evalErrors = Files.readString(tmp.resolve("ef/errors.csv"));
		assertTrue(evalErrors.contains("nowhere.png: no such file") && evalErrors.contains("has no label"), evalErrors);

		// two shards into one folder equal one unsharded run
		Path test = data.resolve("test");
		assertEquals(0, Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input", test.toString(),
				"--out", tmp.resolve("whole").toString()).exitCode());
		for (String shard : List.of("1/2", "2/2")) {
			Product.Result r = Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
					test.toString(), "--out", tmp.resolve("split").toString(), "--shard", shard);
			assertEquals(0, r.exitCode(), r.toString());
		}
		assertEquals(scores(tmp.resolve("whole")), scores(tmp.resolve("split")));

		// another model's folder: refused with exit 3, replaced with --overwrite
		Path other = tmp.resolve("m2");
		assertEquals(0, Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data", data.toString(),
				"--out", other.toString(), "--set", "size=32").exitCode());
		Product.Result refused = Product.medad(Product.HEADLESS, "score", "--model", other.toString(), "--input",
				test.toString(), "--out", tmp.resolve("whole").toString());
		assertEquals(3, refused.exitCode(), refused.toString());
		assertTrue(refused.err().contains("holds the scores of another model"), refused.err());
		assertEquals(0, Product.medad(Product.HEADLESS, "score", "--model", other.toString(), "--input", test.toString(),
				"--out", tmp.resolve("whole").toString(), "--overwrite").exitCode());
	}

	private static Map<String, String> scores(Path out) throws Exception {
		Map<String, String> m = new TreeMap<>();
		List<String> lines = Files.readAllLines(out.resolve("scores.csv"));
		for (String line : lines.subList(1, lines.size())) {
			String[] c = line.split(",");
			m.put(c[0], c[1] + "," + c[2]);
		}
		return m;
	}
}

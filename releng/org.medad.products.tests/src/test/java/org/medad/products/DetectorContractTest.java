package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The contract every detector the product lists must keep, run over all of them (a new detector bundle is covered
 * without a line here): train on a small phantom with the detector's quick settings, check the package, score,
 * evaluate, and score again from the reloaded package with identical results.
 */
class DetectorContractTest {
	@TempDir
	static Path tmp;
	static Path data;

	@BeforeAll
	static void phantom() throws Exception {
		data = tmp.resolve("phantom");
		Product.Result r = Product.medad(Product.HEADLESS, "phantom", "--out", data.toString(), "--size", "64",
				"--train", "16", "--valid", "4", "--test", "4", "--seed", "8");
		assertEquals(0, r.exitCode(), r.toString());
	}

	/** Every listed detector with its quick settings. */
	static Stream<Object[]> detectors() throws Exception {
		Product.Result r = Product.medad(Product.HEADLESS, "detectors", "--json");
		assertEquals(0, r.exitCode(), r.toString());
		List<Object[]> out = new ArrayList<>();
		for (JsonElement e : JsonParser.parseString(r.out()).getAsJsonArray()) {
			JsonObject d = e.getAsJsonObject();
			List<String> sets = new ArrayList<>();
			if (d.has("quickSettings")) {
				for (Map.Entry<String, JsonElement> s : d.getAsJsonObject("quickSettings").entrySet()) {
					sets.add(s.getKey() + "=" + s.getValue().getAsString());
				}
			}
			out.add(new Object[] { d.get("id").getAsString(), sets });
		}
		assertTrue(out.size() >= 2, "pixelstats and liverfreq at least: " + r.out());
		return out.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("detectors")
	void trainsSavesLoadsScoresAndEvaluates(String id, List<String> quick) throws Exception {
		Path model = tmp.resolve(id + "-model");
		List<String> train = new ArrayList<>(List.of("train", "--detector", id, "--data", data.toString(), "--out",
				model.toString(), "--seed", "3"));
		for (String s : quick) {
			train.add("--set");
			train.add(s);
		}
		Product.Result t = Product.medad(Product.HEADLESS, train.toArray(String[]::new));
		assertEquals(0, t.exitCode(), t.toString());
		Product.Result check = Product.medad(Product.HEADLESS, "models", "check", model.toString());
		assertEquals(0, check.exitCode(), check.toString());

		List<List<String>> runs = new ArrayList<>();
		for (String pass : List.of("a", "b")) {
			Path out = tmp.resolve(id + "-scores-" + pass);
			Product.Result s = Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
					data.resolve("test").toString(), "--out", out.toString(), "--batch", "3");
			assertEquals(0, s.exitCode(), s.toString());
			List<String> rows = new ArrayList<>();
			for (String line : Files.readAllLines(out.resolve("scores.csv")).subList(1, 9)) {
				String[] c = line.split(",");
				double score = Double.parseDouble(c[1]);
				assertTrue(Double.isFinite(score), id + ": " + line);
				rows.add(c[0] + "," + c[1] + "," + c[2]);
			}
			runs.add(rows);
			assertTrue(Files.isRegularFile(out.resolve("Ungood/img/00000.tiff")), id + ": float map written");
		}
		assertEquals(runs.get(0), runs.get(1), id + ": the reloaded package scores identically");

		Path eval = tmp.resolve(id + "-eval");
		Product.Result e = Product.medad(Product.HEADLESS, "evaluate", "--model", model.toString(), "--data",
				data.toString(), "--out", eval.toString(), "--batch", "2", "--json");
		assertEquals(0, e.exitCode(), e.toString());
		JsonObject m = JsonParser.parseString(e.out()).getAsJsonObject();
		double auroc = m.get("image_auroc").getAsDouble();
		assertTrue(auroc >= 0 && auroc <= 1, id + ": image AUROC " + auroc);
		assertEquals(4, m.get("n_normal").getAsInt());
		assertFalse(m.get("model_sha256").getAsString().isEmpty());
	}
}

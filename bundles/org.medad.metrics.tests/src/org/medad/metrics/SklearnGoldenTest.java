package org.medad.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Against scikit-learn's roc_auc_score (fixture from tools/fixtures/metrics_auroc.py), ties included. */
class SklearnGoldenTest {

	@Test
	void imageAndPixelAurocEqualSklearn() throws Exception {
		var in = getClass().getResourceAsStream("/fixtures/auroc_sklearn.json");
		assertNotNull(in, "fixture missing from the test bundle");
		JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		for (JsonElement e : root.getAsJsonArray("cases")) {
			JsonObject c = e.getAsJsonObject();
			JsonArray s = c.getAsJsonArray("scores");
			JsonArray y = c.getAsJsonArray("labels");
			double[] scores = new double[s.size()];
			boolean[] labels = new boolean[s.size()];
			float[] map = new float[s.size()];
			float[] mask = new float[s.size()];
			for (int i = 0; i < scores.length; i++) {
				scores[i] = s.get(i).getAsDouble();
				labels[i] = y.get(i).getAsInt() != 0;
				map[i] = (float) scores[i];
				mask[i] = labels[i] ? 1 : 0;
			}
			double expected = c.get("auroc").getAsDouble();
			assertEquals(expected, Auroc.of(scores, labels), 1e-12, "image AUROC, n=" + scores.length);
			PixelSamples p = new PixelSamples();
			p.add(map, mask, map.length);
			assertEquals(expected, Auroc.of(p.curve()), 1e-12, "pixel AUROC, n=" + scores.length);
		}
	}
}

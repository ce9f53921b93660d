package org.medad.detector.qfae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.detector.qfae.QfaeTesting;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The schedule against PyTorch's OneCycleLR (fixtures/onecycle.json, tools/fixtures/qfae_fixtures.py). */
class OneCycleTest {
	@TempDir
	Path tmp;

	@Test
	void learningRateAndBeta1FollowPyTorchAtEveryStep() throws Exception {
		JsonObject all = JsonParser.parseString(Files.readString(QfaeTesting.fixture("onecycle.json", tmp)))
				.getAsJsonObject();
		int cases = 0;
		for (JsonElement e : all.getAsJsonArray("cases")) {
			JsonObject c = e.getAsJsonObject();
			int total = c.get("total").getAsInt();
			OneCycle s = OneCycle.qfae(total, c.get("max_lr").getAsDouble(), c.get("pct_start").getAsDouble());
			JsonArray lr = c.getAsJsonArray("lr");
			JsonArray beta1 = c.getAsJsonArray("beta1");
			assertEquals(total, lr.size());
			for (int t = 0; t < total; t++) {
				double want = lr.get(t).getAsDouble();
				assertEquals(want, s.lr(t), Math.abs(want) * 1e-9 + 1e-18, "lr at step " + t + " of " + total);
				assertEquals(beta1.get(t).getAsDouble(), s.beta1(t), 1e-12, "beta1 at step " + t + " of " + total);
			}
			cases++;
		}
		assertTrue(cases >= 3);
	}

	@Test
	void peaksAfterTheWarmUpAndEndsFarBelowTheStart() {
		OneCycle s = OneCycle.qfae(300 * 10, 8e-5, 0.15);
		assertEquals(8e-5 / 25, s.lr(0), 1e-15);
		assertEquals(0.95, s.beta1(0), 1e-12);
		int peak = (int) (0.15 * 3000) - 1;
		assertEquals(8e-5, s.lr(peak), 1e-15);
		assertEquals(0.85, s.beta1(peak), 1e-12);
		assertEquals(8e-5 / 25 / 1e4, s.lr(2999), 1e-16);
		assertEquals(0.95, s.beta1(2999), 1e-12);
	}
}

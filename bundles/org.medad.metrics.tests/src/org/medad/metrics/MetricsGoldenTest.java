package org.medad.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The full metric set against scikit-learn, SciPy's connected components and the anomalib AUPRO
 * algorithm (fixture from tools/fixtures/metrics_golden.py): ties, one class only, empty masks, no
 * background, 8-connected 2D and 26-connected 3D regions. Null in the fixture = undefined, which the
 * product reports as NaN (null in metrics.json).
 */
class MetricsGoldenTest {
	private static final double EXACT = 1e-9;

	static Stream<Arguments> imageCases() {
		return cases("image");
	}

	static Stream<Arguments> pixelCases() {
		return cases("pixel");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("imageCases")
	void imageMetricsEqualSklearn(String name, JsonObject c) {
		double[] s = doubles(c.getAsJsonArray("scores"));
		boolean[] y = flags(c.getAsJsonArray("labels"));
		Curve curve = Curve.of(s, y);
		check(c, "auroc", Auroc.of(curve), EXACT);
		check(c, "aupr", AveragePrecision.of(curve), EXACT);
		F1Max f1 = F1Max.of(curve);
		check(c, "f1_max", f1.f1(), EXACT);
		check(c, "f1_threshold", f1.threshold(), EXACT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pixelCases")
	void pixelMetricsEqualSklearnAndAnomalib(String name, JsonObject c) {
		PixelSamples p = samples(c, PixelSamples.DEFAULT_EXACT_LIMIT);
		Curve curve = p.curve();
		assertTrue(!curve.binned());
		assertEquals(c.get("regions").getAsInt(), p.regions(), "connected regions");
		check(c, "auroc", Auroc.of(curve), EXACT);
		check(c, "aupr", AveragePrecision.of(curve), EXACT);
		F1Max f1 = F1Max.of(curve);
		check(c, "f1_max", f1.f1(), EXACT);
		check(c, "f1_threshold", f1.threshold(), EXACT);
		check(c, "aupro", Aupro.of(curve), EXACT);
		Overlap o = Overlap.at(curve, c.get("tau").getAsDouble());
		check(c, "dice", o.dice(), EXACT);
		check(c, "iou", o.iou(), EXACT);
		check(c, "region_overlap", o.regionOverlap(), EXACT);
		check(c, "normal_p99", p.normalPercentile(99), 1e-6);
	}

	/** Folding into bins from the first pixel: rank metrics stay within 1e-3 of the exact values. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("pixelCases")
	void binnedPixelMetricsStayNearExact(String name, JsonObject c) {
		Curve curve = samples(c, 0).curve();
		assertTrue(curve.binned());
		check(c, "auroc", Auroc.of(curve), 1e-3);
		check(c, "aupro", Aupro.of(curve), 1e-3);
		check(c, "aupr", AveragePrecision.of(curve), 1e-3);
	}

	private static PixelSamples samples(JsonObject c, long exactLimit) {
		PixelSamples p = new PixelSamples(exactLimit);
		for (JsonElement e : c.getAsJsonArray("images")) {
			JsonObject im = e.getAsJsonObject();
			JsonArray d = im.getAsJsonArray("dims");
			int[] dims = new int[d.size()];
			for (int i = 0; i < dims.length; i++) {
				dims[i] = d.get(i).getAsInt();
			}
			p.add(floats(im.getAsJsonArray("map")), floats(im.getAsJsonArray("mask")), dims);
		}
		return p;
	}

	private static void check(JsonObject c, String key, double actual, double tolerance) {
		JsonElement e = c.get(key);
		if (e == null || e.isJsonNull()) {
			assertNull(Double.isNaN(actual) ? null : actual, key + " is undefined in the reference");
		} else {
			assertEquals(e.getAsDouble(), actual, tolerance, key);
		}
	}

	private static Stream<Arguments> cases(String kind) {
		var in = MetricsGoldenTest.class.getResourceAsStream("/fixtures/metrics_golden.json");
		assertNotNull(in, "fixture missing from the test bundle");
		JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		List<Arguments> out = new ArrayList<>();
		for (JsonElement e : root.getAsJsonArray(kind)) {
			JsonObject c = e.getAsJsonObject();
			out.add(Arguments.of(c.get("name").getAsString(), c));
		}
		return out.stream();
	}

	private static double[] doubles(JsonArray a) {
		double[] d = new double[a.size()];
		for (int i = 0; i < d.length; i++) {
			d[i] = a.get(i).getAsDouble();
		}
		return d;
	}

	private static float[] floats(JsonArray a) {
		float[] f = new float[a.size()];
		for (int i = 0; i < f.length; i++) {
			f[i] = a.get(i).getAsFloat();
		}
		return f;
	}

	private static boolean[] flags(JsonArray a) {
		boolean[] b = new boolean[a.size()];
		for (int i = 0; i < b.length; i++) {
			b[i] = a.get(i).getAsInt() != 0;
		}
		return b;
	}
}

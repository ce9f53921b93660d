package org.medad.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.medad.metrics.Curve;
import org.medad.metrics.MetricSet;
import org.medad.metrics.PixelSamples;

/** The report page: self-contained, with real charts and case views, and several models side by side. */
class HtmlReportTest {
	private static final Pattern IMG = Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,([^\"]+)\">");

	@Test
	void aReportHoldsItsChartsAndCaseViewsInline() throws Exception {
		ReportRun run = run("model-a", 1.0, 11);
		String html = HtmlReport.render("MedAD evaluation: model-a", "phantom, split test", List.of(run));
		assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<link")
				|| html.contains("<script"), "nothing may be fetched: the page must open offline");
		Map<String, BufferedImage> images = images(html);
		for (String chart : List.of("image ROC", "image precision-recall", "pixel ROC", "pixel precision-recall",
				"per-region overlap", "score histogram model-a")) {
			BufferedImage img = images.get(chart);
			assertTrue(img != null, chart + " missing: " + images.keySet());
			assertEquals(480, img.getWidth());
			assertEquals(360, img.getHeight());
			assertTrue(colours(img) > 20, chart + " is drawn (lines, axes, text), not blank: " + colours(img));
		}
		long views = Pattern.compile("<img alt=\"case ").matcher(html).results().count();
		assertEquals(3 + 3 + 3, views, "most anomalous, missed lesions and false alarms, 3 each");
		BufferedImage view = images.values().stream().filter(i -> i.getWidth() != 480).findFirst().orElseThrow();
		assertEquals(3 * 40 * 4 + 8, view.getWidth(), "three panels, each 40 px scaled x4 to 160");
		for (String label : List.of("Image AUROC", "AUPRO (FPR &lt;= 0.3)", "Dice at the pixel threshold",
				"Cases to look at", "Missed lesions", "False alarms", "model_sha256", "Cases not evaluated (1)",
				"bad.png</b>: cannot be read")) {
			assertTrue(html.contains(label), label + " missing from the page");
		}
	}

	@Test
	void modelsSideBySideShareTablesAndCharts() throws Exception {
		ReportRun a = run("model-a", 1.0, 11);
		ReportRun b = run("model-b", 0.2, 12);
		String html = HtmlReport.render("MedAD evaluation: model-a vs model-b", "phantom", List.of(a, b));
		assertTrue(html.contains("<th>model-a</th><th>model-b</th>"), "one column per model");
		Map<String, BufferedImage> images = images(html);
		assertTrue(images.containsKey("score histogram model-a") && images.containsKey("score histogram model-b"));
		assertTrue(html.contains("Cases to look at: model-a") && html.contains("Cases to look at: model-b"));
		// the single-model ROC has model-a's line and the chance diagonal; the comparison adds model-b's colour
		int red = count(images.get("image ROC"), 0xd62728);
		assertTrue(red > 100, "model-b's curve drawn in its own colour: " + red + " pixels");
		int redAlone = count(images(HtmlReport.render("t", "s", List.of(a))).get("image ROC"), 0xd62728);
		assertEquals(0, redAlone);
	}

	/** A synthetic evaluation: 20 + 20 cases whose scores separate by {@code separation}, 40 x 40 maps. */
	private static ReportRun run(String name, double separation, long seed) {
		Random r = new Random(seed);
		int n = 40;
		double[] scores = new double[n];
		boolean[] y = new boolean[n];
		PixelSamples pixels = new PixelSamples();
		CaseGallery gallery = new CaseGallery(3);
		for (int i = 0; i < n; i++) {
			y[i] = i % 2 == 1;
			scores[i] = r.nextGaussian() + (y[i] ? separation : 0);
			float[] grey = new float[40 * 40];
			float[] map = new float[grey.length];
			float[] mask = new float[grey.length];
			for (int p = 0; p < grey.length; p++) {
				int px = p % 40, py = p / 40;
				boolean lesion = y[i] && Math.hypot(px - 20, py - 20) < 6;
				mask[p] = lesion ? 1 : 0;
				grey[p] = (float) (0.5 + 0.1 * r.nextGaussian() + (lesion ? 0.3 : 0));
				map[p] = (float) (r.nextGaussian() * 0.3 + (lesion ? separation : 0));
			}
			pixels.add(map, mask, 40, 40);
			gallery.offer("c" + i, scores[i], y[i], "", () -> CaseView.png(grey, map, mask, 40, 40, 0, 2));
		}
		Curve image = Curve.of(scores, y);
		Curve px = pixels.curve();
		Map<String, Object> metrics = new LinkedHashMap<>(MetricSet.of(image, px, 0.5));
		List<Double> normal = new ArrayList<>();
		List<Double> anomalous = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			(y[i] ? anomalous : normal).add(scores[i]);
		}
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("model_sha256", "ab12");
		meta.put("seed", 1L);
		return new ReportRun(name, metrics, image, px, normal.stream().mapToDouble(Double::doubleValue).toArray(),
				anomalous.stream().mapToDouble(Double::doubleValue).toArray(), 0.5, gallery, meta,
				List.of(Map.entry("bad.png", "cannot be read: truncated")));
	}

	private static Map<String, BufferedImage> images(String html) throws Exception {
		Map<String, BufferedImage> out = new LinkedHashMap<>();
		Matcher m = IMG.matcher(html);
		while (m.find()) {
			BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
			assertTrue(img != null, m.group(1) + " is not a PNG");
			out.put(m.group(1), img);
		}
		return out;
	}

	private static int colours(BufferedImage img) {
		java.util.Set<Integer> seen = new java.util.HashSet<>();
		for (int y = 0; y < img.getHeight(); y += 2) {
			for (int x = 0; x < img.getWidth(); x += 2) {
				seen.add(img.getRGB(x, y) & 0xffffff);
			}
		}
		return seen.size();
	}

	private static int count(BufferedImage img, int rgb) {
		int c = 0;
		for (int y = 0; y < img.getHeight(); y++) {
			for (int x = 0; x < img.getWidth(); x++) {
				c += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
			}
		}
		return c;
	}
}

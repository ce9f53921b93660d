package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation report as a reader sees it: {@code medad evaluate --compare} on a phantom, then the
 * page opened in headless Chromium (Debian's {@code chromium}), offline. A probe copy of the page
 * counts, once loaded, the charts and case views the browser actually decoded; the screenshot goes to
 * target/report-screenshots for a person to look at.
 */
class ReportInBrowserTest {
	static final Path SHOTS = Path.of("target/report-screenshots").toAbsolutePath();
	private static final Pattern LOADED = Pattern.compile("data-charts=\"(\\d+)\" data-cases=\"(\\d+)\" data-broken=\"(\\d+)\"");

	@TempDir
	Path tmp;

	@Test
	void theComparisonReportRendersWithItsChartsAndCaseViews() throws Exception {
		Path chromium = browser();
		Path data = tmp.resolve("data");
		assertEquals(0, Product.medad(Product.HEADLESS, "phantom", "--out", data.toString(), "--size", "64",
				"--train", "30", "--valid", "6", "--test", "12").exitCode());
		for (String name : List.of("a", "b")) {
			Product.Result t = Product.medad(Product.HEADLESS, "train", "--detector", "pixelstats", "--data",
					data.toString(), "--out", tmp.resolve(name).toString(), "--set", "size=64", "--seed",
					name.equals("a") ? "1" : "2");
			assertEquals(0, t.exitCode(), t.toString());
		}
		Path out = tmp.resolve("cmp");
		Product.Result e = Product.medad(Product.HEADLESS, "evaluate", "--compare", tmp.resolve("a").toString(),
				tmp.resolve("b").toString(), "--data", data.toString(), "--out", out.toString());
		assertEquals(0, e.exitCode(), e.toString());
		assertTrue(e.out().contains("side by side: " + out.resolve("report.html")), e.out());
		for (String f : List.of("1-a/metrics.json", "1-a/report.html", "2-b/metrics.json", "report.html")) {
			assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
		}
		String html = Files.readString(out.resolve("report.html"));
		Path probe = out.resolve("probe.html");
		Files.writeString(probe, html.replace("</body>", """
				<script>window.addEventListener('load', () => {
				  const ok = i => i.complete && i.naturalWidth > 0;
				  const charts = [...document.querySelectorAll('figure.chart img')].filter(ok).length;
				  const cases = [...document.querySelectorAll('figure.case img')].filter(ok).length;
				  const broken = [...document.images].filter(i => !ok(i)).length;
				  document.body.insertAdjacentHTML('beforeend',
				    `<p id="probe" data-charts="${charts}" data-cases="${cases}" data-broken="${broken}"></p>`);
				});</script></body>"""), StandardCharsets.UTF_8);
		String dom = run(chromium, "--dump-dom", probe.toUri().toString());
		Matcher m = LOADED.matcher(dom);
		assertTrue(m.find(), "the probe did not run: " + dom.substring(0, Math.min(400, dom.length())));
		// image ROC + PR, pixel ROC + PR + PRO, one histogram per model
		assertEquals(7, Integer.parseInt(m.group(1)), "charts decoded by the browser");
		assertTrue(Integer.parseInt(m.group(2)) >= 2 * 6, "case views decoded: " + m.group(2));
		assertEquals(0, Integer.parseInt(m.group(3)), "broken images");
		Files.createDirectories(SHOTS);
		Path shot = SHOTS.resolve("evaluate-compare.png");
		Files.deleteIfExists(shot);
		run(chromium, "--screenshot=" + shot, "--window-size=1280,2400", out.resolve("report.html").toUri().toString());
		BufferedImage img = ImageIO.read(shot.toFile());
		assertEquals(1280, img.getWidth());
		Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < img.getHeight(); y += 3) {
			for (int x = 0; x < img.getWidth(); x += 3) {
				colours.add(img.getRGB(x, y));
			}
		}
		assertTrue(colours.size() > 200, shot + " has only " + colours.size() + " colours: not rendered");
	}

	private static String run(Path chromium, String... args) throws Exception {
		List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--hide-scrollbars", "--no-first-run", "--disable-extensions", "--virtual-time-budget=10000",
				"--user-data-dir=" + Files.createTempDirectory("medad-chromium")));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		byte[] out = p.getInputStream().readAllBytes();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
		assertEquals(0, p.exitValue(), "chromium " + String.join(" ", args));
		return new String(out, StandardCharsets.UTF_8);
	}

	/** Debian's chromium; required under CI (.ci/run installs it), skipped with a message elsewhere. */
	private static Path browser() {
		for (String name : List.of("chromium", "chromium-browser")) {
			for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
				Path p = Path.of(dir, name);
				if (Files.isExecutable(p)) {
					return p;
				}
			}
		}
		if (System.getenv("CI") != null) {
			throw new AssertionError("chromium is not installed, and the report test must run under CI (.ci/run"
					+ " installs it)");
		}
		System.err.println("SKIPPED ReportInBrowserTest: no chromium (apt-get install chromium to run it)");
		assumeTrue(false, "no chromium");
		return null;
	}
}

package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Starts the workbench product in a real window under Xvfb. The product's self-test mode shows each
 * perspective, screenshots it into target/ui-screenshots and reports what it rendered; this test checks
 * the three perspectives and that the detectors part lists the installed detector in each.
 */
class WorkbenchScreenshotTest {
	static final Path SHOTS = Path.of("target/ui-screenshots").toAbsolutePath();
	private static XServer x;
	private static String display;

	@BeforeAll
	static void startXServer() throws Exception {
		x = XServer.start("WorkbenchScreenshotTest");
		display = x.display;
	}

	@AfterAll
	static void stopXServer() throws InterruptedException {
		if (x != null) {
			x.close();
		}
	}

	@Test
	void threePerspectivesRenderAndListTheDetectors() throws Exception {
		Files.createDirectories(SHOTS);
		try (var old = Files.list(SHOTS)) {
			for (Path p : old.filter(Files::isRegularFile).toList()) {
				Files.delete(p);
			}
		}
		// a phantom volume, its anomaly map from a pixelstats model and its lesion mask, for the Review screen
		Path work = Files.createTempDirectory("medad-ui-phantom");
		Path phantom = work.resolve("p");
		String medad = Product.HEADLESS.resolve("bin/medad").toString();
		Path scan = phantom.resolve("test/Ungood/img/00000.nii.gz");
		for (List<String> step : List.of(List.of(medad, "phantom", "--volumes", "--out", phantom.toString(), "--size", "64",
				"--depth", "12", "--train", "2", "--valid", "1", "--test", "1"), List.of(medad, "train", "--detector",
						"pixelstats", "--data", phantom.toString(), "--out", work.resolve("m").toString()), List.of(medad,
								"score", "--model", work.resolve("m").toString(), "--input", scan.toString(), "--out", work
										.resolve("s").toString()), List.of(medad, "score", "--model", work.resolve("m")
												.toString(), "--input", phantom.resolve("test").toString(), "--out", work
														.resolve("all").toString()))) {
			Product.Result made = Product.run(step, Map.of(), 120);
			assertEquals(0, made.exitCode(), made.toString());
		}
		Path map = work.resolve("s/00000.nii.gz");
		Path mask = phantom.resolve("test/Ungood/label/00000.nii.gz");
		assertTrue(Files.isRegularFile(map) && Files.isRegularFile(mask), "map and mask");
		// a folder of two DICOM series (the 8-slice synthetic CT and CT_small), for the series browser
		Path testdata = Path.of(System.getProperty("medad.testdata", "../../../shared/testdata"));
		Path twoSeries = work.resolve("two-series");
		Files.createDirectories(twoSeries);
		try (var files = Files.list(testdata.resolve("dicom/series_ch2bet_ct"))) {
			for (Path f : files.toList()) {
				Files.copy(f, twoSeries.resolve(f.getFileName()));
			}
		}
		Files.copy(testdata.resolve("dicom/CT_small.dcm"), twoSeries.resolve("CT_small.dcm"));
		Path launcher = Product.WORKBENCH.resolve("bin/medad-workbench");
		Product.Result r = Product.run(List.of(launcher.toString()), Map.of("DISPLAY", display, "MEDAD_JAVA_OPTS",
				"-Dmedad.ui.selftest=" + SHOTS + " -Dmedad.ui.selftest.open=" + scan + " -Dmedad.ui.selftest.map=" + map
						+ " -Dmedad.ui.selftest.mask=" + mask + " -Dmedad.ui.selftest.results=" + work.resolve("all")
						+ " -Dmedad.ui.selftest.train.data=" + phantom + " -Dmedad.ui.selftest.train.out=" + work.resolve(
								"trained") + " -Dmedad.ui.selftest.train.set=preset=cpu;size=32;epochs=2"
						+ " -Dmedad.ui.selftest.review.model=" + work.resolve("m")
						+ " -Dmedad.ui.selftest.review.series=" + twoSeries
						+ " -Dmedad.ui.selftest.evaluate.model=" + work.resolve("m") + " -Dmedad.ui.selftest.evaluate.data="
						+ phantom,
				"MEDAD_WORKSPACE", Files.createTempDirectory("medad-ws").toString()), 180);
		assertEquals(0, r.exitCode(), r.toString());
		Path report = SHOTS.resolve("selftest.json");
		assertTrue(Files.isRegularFile(report), "the workbench wrote no self-test report: " + r);
		JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
		List<String> labels = new ArrayList<>();
		for (var e : json.getAsJsonArray("perspectives")) {
			JsonObject p = e.getAsJsonObject();
			labels.add(p.get("label").getAsString());
			assertTrue(p.get("selected").getAsBoolean(), p + " was not shown");
			assertTrue(p.get("detectorsListed").toString().contains("pixelstats"), p.toString());
			assertLooksRendered(Path.of(p.get("screenshot").getAsString()));
		}
		assertEquals(List.of("Review", "Train", "Evaluate"), labels);

		// Review: the volume in three linked views, each scrolled, window/level and the overlay's threshold changed
		JsonObject review = json.getAsJsonObject("review");
		assertTrue(review != null && !review.has("error"), "review: " + review);
		assertEquals("[64,64,12]", review.get("dims").toString());
		Map<String, String> letters = Map.of("AXIAL", "[\"R\",\"L\",\"A\",\"P\"]", "CORONAL",
				"[\"R\",\"L\",\"S\",\"I\"]", "SAGITTAL", "[\"A\",\"P\",\"S\",\"I\"]");
		List<String> planes = new ArrayList<>();
		for (var e : review.getAsJsonArray("views")) {
			JsonObject v = e.getAsJsonObject();
			String plane = v.get("plane").getAsString();
			planes.add(plane);
			assertEquals(v.get("sliceOpened").getAsLong() + 3, v.get("sliceScrolled").getAsLong(), plane + " scrolled: "
					+ v);
			assertEquals(letters.get(plane), v.get("letters").toString(), plane + " orientation letters");
			assertTrue(v.get("frames").getAsLong() >= 2, plane + " painted: " + v);
			assertTrue(v.get("visible").getAsBoolean(), plane + " shown in the three-view layout");
			assertEquals(v.get("slice").getAsLong(), v.get("slider").getAsLong(), plane + "'s slider shows its slice");
		}
		assertEquals(List.of("AXIAL", "CORONAL", "SAGITTAL"), planes);
		assertEquals("[1,0,0]", review.get("composedOnAxialStep").toString(),
				"an axial step composes the axial picture only; the others move their crosshair over theirs");
		JsonObject large = review.getAsJsonObject("layout1plus3");
		assertTrue(large.get("largeVisible").getAsBoolean() && !large.get("largeVisibleAfter").getAsBoolean(), large
				.toString());
		assertEquals("[true,true,true]", large.get("smallVisible").toString(), "the three stay under the large one");
		JsonArray big = large.getAsJsonArray("largeSize");
		JsonArray small = large.getAsJsonArray("axialSize");
		assertTrue(big.get(0).getAsInt() > 2 * small.get(0).getAsInt() && big.get(1).getAsInt() > small.get(1)
				.getAsInt(), "the large view is larger: " + large);
		assertEquals(review.getAsJsonArray("views").get(0).getAsJsonObject().get("slice").getAsLong(), large.get(
				"largeSlice").getAsLong(), "linked: the large view shows the axial slice");
		assertTrue(!review.get("window").equals(review.get("windowOpened")), "window/level changed: " + review);
		double calibrated = JsonParser.parseString(Files.readString(work.resolve("m/model.json"))).getAsJsonObject()
				.getAsJsonObject("thresholds").get("pixel").getAsDouble();
		assertEquals(calibrated, review.get("thresholdOpened").getAsDouble(), 1e-9,
				"the overlay opens at the model's calibrated pixel threshold (found through the map's run.json)");
		double high = review.getAsJsonObject("overlay").get("high").getAsDouble();
		assertEquals(0.25 * high, review.getAsJsonObject("overlay").get("threshold").getAsDouble(), 1e-9 * high,
				"thresholded at a quarter of the map's range");
		assertEquals(review.get("mapMaximum"), review.get("crosshair"), "the views went to the map's maximum");
		// a score output folder: both test cases listed, most anomalous first, and that one opened with its map
		List<String> listed = new ArrayList<>();
		review.getAsJsonArray("listed").forEach(e -> listed.add(e.getAsString()));
		List<String> scores = Files.readAllLines(work.resolve("all/scores.csv")).subList(1, 3);
		String top = Double.parseDouble(scores.get(0).split(",")[1]) >= Double.parseDouble(scores.get(1).split(",")[1])
				? scores.get(0).split(",")[0] : scores.get(1).split(",")[0];
		assertEquals(2, listed.size(), listed.toString());
		for (var row : review.getAsJsonArray("listedRows")) { // case, true label (from good/ or Ungood/), score, predicted
			String id = row.getAsJsonArray().get(0).getAsString();
			assertEquals(id.startsWith("Ungood/") ? "anomalous" : "normal", row.getAsJsonArray().get(1).getAsString(),
					row.toString());
		}
		assertEquals(top, listed.get(0), "sorted by score, most anomalous first: " + scores);
		assertTrue(review.get("openedFromList").getAsString().endsWith(top), review.toString());
		assertEquals(review.get("mapMaximumFromList"), review.get("crosshairFromList"));
		// Score with model… on that case: a Job through the scoring workflow, the same score as medad score gave it,
		// the list replaced by the run's case, its map shown; then Save map… writes it on the scan's geometry
		assertTrue(review.get("scoringStarted").getAsBoolean(), review.toString());
		assertTrue(review.get("scoredCase").getAsString().endsWith(top), review.toString());
		assertEquals(1, review.getAsJsonArray("scoredListed").size(), review.toString());
		double cliScore = Double.parseDouble(scores.get(scores.get(0).startsWith(top) ? 0 : 1).split(",")[1]);
		assertEquals(cliScore, review.getAsJsonArray("scoredScores").get(0).getAsDouble(), 1e-4 * Math.abs(cliScore),
				"the workbench's run scores the case as medad score does");
		Path run = Path.of(review.get("scoredRun").getAsString());
		assertTrue(Files.isRegularFile(run.resolve("run.json")) && Files.isRegularFile(run.resolve("scores.csv")),
				"the run's outputs are kept: " + run);
		assertEquals(review.get("mapMaximumFromList"), review.get("scoredMapMaximum"), "the same map, the same maximum");
		JsonObject savedMap = inspect(Path.of(review.get("savedMap").getAsString()));
		JsonObject scanInfo = inspect(phantom.resolve("test").resolve(top));
		JsonObject cliMap = inspect(work.resolve("all").resolve(top));
		assertEquals("NIfTI-1", savedMap.get("format").getAsString());
		for (String key : List.of("dims", "spacing", "affine")) {
			assertEquals(scanInfo.get(key), savedMap.get(key), key + " of the saved map is the scan's");
		}
		assertEquals(cliMap.get("max").getAsDouble(), savedMap.get("max").getAsDouble(), 1e-4 * Math.abs(cliMap.get(
				"max").getAsDouble()), "the saved map holds the map's values");
		// a folder of two series: the browser lists them (patient, study, series, modality, slices); one opens
		JsonArray seriesRows = review.getAsJsonArray("seriesRows");
		assertEquals(2, seriesRows.size(), review.toString());
		String eight = null;
		for (var row : seriesRows) {
			if (row.getAsJsonArray().get(4).getAsString().equals("8")) {
				eight = row.toString();
			}
		}
		assertTrue(eight != null && eight.contains("CH2BET SYNTHETIC (SYNTH0001)") && eight.contains("\"CT\""),
				"the synthetic series' row: " + seriesRows);
		assertEquals("[181,217,8]", review.get("seriesOpened").toString());
		assertTrue(review.get("seriesBrowserClosed").getAsBoolean(), review.toString());
		// the recent list, most recent first: the series folder, the run, the results folder and the first scan
		List<String> recent = new ArrayList<>();
		review.getAsJsonArray("recent").forEach(e -> recent.add(e.getAsString()));
		assertEquals(twoSeries.toAbsolutePath().normalize().toString(), recent.get(0), recent.toString());
		assertTrue(recent.contains("Results: " + work.resolve("all").toAbsolutePath().normalize()), recent.toString());
		assertTrue(recent.contains(scan.toAbsolutePath().normalize().toString()), recent.toString());
		// the screenshot shows the heat map (hot colours) and the mask's outline (green) over the scan
		BufferedImage shot = ImageIO.read(SHOTS.resolve("review-overlay.png").toFile());
		int hot = 0;
		int outline = 0;
		for (int y = 0; y < shot.getHeight(); y++) {
			for (int x = 0; x < shot.getWidth(); x++) {
				int c = shot.getRGB(x, y);
				int red = (c >> 16) & 255;
				int green = (c >> 8) & 255;
				int blue = c & 255;
				hot += red > green + 40 && red > blue + 60 ? 1 : 0;
				outline += green > 200 && red < 60 && blue < 60 ? 1 : 0;
			}
		}
		assertTrue(hot > 100, "heat-map pixels in the Review screenshot: " + hot);
		assertTrue(outline > 20, "mask outline pixels in the Review screenshot: " + outline);

		// Train: the generated form refuses an invalid value before the start, then a tiny liverfreq trains in a Job
		JsonObject train = json.getAsJsonObject("train");
		assertTrue(train != null, "the Train screen was not driven: " + json);
		assertTrue(train.get("invalidMarked").getAsBoolean(), "batch=0 marked invalid: " + train);
		assertTrue(train.get("invalidProblem").getAsString().contains("'batch': 0 is outside [1, 256]"), train.toString());
		assertTrue(!train.get("startEnabledWhileInvalid").getAsBoolean(), "Start disabled while a value is invalid");
		assertTrue(train.get("startEnabled").getAsBoolean(), "Start enabled once valid: " + train);
		assertEquals("[]", train.get("invalidAfterFix").getAsString());
		assertEquals("[\"selftest preset\"]", train.get("presets").toString(), "the saved preset is offered");
		assertEquals("8", train.get("batchAfterPreset").getAsString(), "the preset brings its settings back");
		assertTrue(train.get("devicesFound").getAsString().startsWith("CPU: "), train.toString());
		List<String> devices = new ArrayList<>();
		train.getAsJsonArray("deviceChoices").forEach(e -> devices.add(e.getAsString()));
		assertEquals(List.of("auto", "cpu"), devices.subList(0, 2), devices.toString());
		assertTrue(devices.subList(2, devices.size()).stream().allMatch(d -> d.matches("gpu:\\d+(,fp16)?")), devices
				.toString());
		assertTrue(!train.get("model").isJsonNull(), "the run finished with a model: " + train);
		JsonObject trained = JsonParser.parseString(Files.readString(work.resolve("trained/model.json")))
				.getAsJsonObject();
		assertEquals("liverfreq", trained.getAsJsonObject("detector").get("id").getAsString());
		assertEquals(2, trained.getAsJsonObject("settings").get("epochs").getAsInt(), "the form's settings reached the run");
		assertEquals("cpu", trained.getAsJsonObject("settings").get("preset").getAsString());
		JsonObject received = train.getAsJsonObject("received");
		JsonObject plotted = train.getAsJsonObject("plotted");
		assertEquals(2, received.get("epoch loss").getAsInt(), "one epoch mean per epoch: " + received);
		int steps = received.get("loss").getAsInt();
		assertTrue(steps >= 2, "a loss point per step: " + received);
		for (String curve : List.of("lr", "loss: mse", "loss: ssim", "loss: segmentation")) {
			assertEquals(steps, received.get(curve).getAsInt(), curve + " at every step: " + received);
		}
		assertEquals(received.keySet(), plotted.keySet(), "the chart draws every curve it received");
		for (String curve : received.keySet()) {
			assertEquals(received.get(curve).getAsInt(), plotted.get(curve).getAsInt(), curve + " plotted whole");
		}
		assertTrue(train.get("log").getAsString().contains("epoch 2: loss"), "the run's log: " + train);
		assertTrue(train.get("state").getAsString().startsWith("Trained liverfreq"), train.toString());
		// a second run cancelled after its first epoch says how to resume, keeps its checkpoint, and Resume finishes it
		assertTrue(!train.has("cancelError"), train.toString());
		String cancelled = train.get("cancelledState").getAsString();
		assertTrue(cancelled.startsWith("Cancelled.") && cancelled.contains("Resume continues"), cancelled);
		assertTrue(train.getAsJsonArray("checkpointsAfterCancel").size() >= 1, "the checkpoint's files are listed: "
				+ train);
		assertTrue(train.get("resumedState").getAsString().startsWith("Trained liverfreq"), train.toString());
		String resumedLog = train.get("resumedLog").getAsString();
		assertTrue(resumedLog.contains("epoch 3: loss") && !resumedLog.contains("epoch 1: loss"),
				"resumed after epoch 1, not begun again: " + resumedLog);
		JsonObject resumed = JsonParser.parseString(Files.readString(work.resolve("trained-resumed/model.json")))
				.getAsJsonObject();
		assertEquals(3, resumed.getAsJsonObject("settings").get("epochs").getAsInt());
		// the screenshot shows the curves: the first curve's colour (the step loss, SWTChart line) is on screen
		BufferedImage trainShot = ImageIO.read(SHOTS.resolve("perspective-train.png").toFile());
		int line = 0;
		for (int y = 0; y < trainShot.getHeight(); y++) {
			for (int x = 0; x < trainShot.getWidth(); x++) {
				int c = trainShot.getRGB(x, y);
				line += Math.abs(((c >> 16) & 255) - 31) + Math.abs(((c >> 8) & 255) - 119) + Math.abs((c & 255) - 180) < 40
						? 1 : 0;
			}
		}
		assertTrue(line > 30, "loss-curve pixels in the Train screenshot: " + line);

		// Evaluate: the pixelstats model on the phantom's test split, metrics, curves, thumbnails, then Review
		JsonObject evaluate = json.getAsJsonObject("evaluate");
		assertTrue(evaluate != null, "the Evaluate screen was not driven: " + json);
		assertEquals(1, evaluate.get("runs").getAsInt(), evaluate.toString());
		assertTrue(evaluate.get("metricRows").getAsInt() >= 3, "the metrics table: " + evaluate);
		JsonObject curves = evaluate.getAsJsonObject("plotted");
		for (String series : List.of("ROC: m", "Precision-recall: m", "Image scores: normal", "Image scores: anomalous",
				"Image scores: threshold")) {
			assertTrue(curves.has(series) && curves.get(series).getAsInt() >= 2, series + ": " + curves);
		}
		assertTrue(evaluate.get("thumbnails").getAsInt() >= 1, "case thumbnails: " + evaluate);
		assertTrue(evaluate.get("reviewOpened").getAsString().endsWith(".nii.gz"), "the double-click opened the case in"
				+ " Review: " + evaluate);
		assertLooksRendered(SHOTS.resolve("evaluate-results.png"));
	}

	private static JsonObject inspect(Path file) throws Exception {
		Product.Result r = Product.medad(Product.HEADLESS, "inspect", file.toString(), "--json");
		assertEquals(0, r.exitCode(), r.toString());
		return JsonParser.parseString(r.out()).getAsJsonObject();
	}

	/** A real rendering has many colours and is window-sized; a blank or failed capture has few. */
	static void assertLooksRendered(Path png) throws Exception {
		assertTrue(Files.isRegularFile(png), png + " missing");
		BufferedImage img = ImageIO.read(png.toFile());
		assertTrue(img.getWidth() >= 600 && img.getHeight() >= 400, png + " is " + img.getWidth() + "x" + img.getHeight());
		Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < img.getHeight(); y += 3) {
			for (int x = 0; x < img.getWidth(); x += 3) {
				colours.add(img.getRGB(x, y));
			}
		}
		assertTrue(colours.size() > 20, png + " has only " + colours.size() + " colours: not rendered");
	}
}

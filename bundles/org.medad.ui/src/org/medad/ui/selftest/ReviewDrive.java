package org.medad.ui.selftest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.ui.review.ReviewPart;
import org.medad.ui.review.SliceCanvas;
import org.medad.ui.view.ReviewCase;
import org.medad.ui.view.WindowLevel;

/**
 * The self-test's pass over the Review screen, one step per timer tick so the UI keeps painting: open the scan
 * (through the part's Job), lay the map over it, scroll every view, change window/level and the overlay's
 * threshold, then report what each view shows (slice, letters, frames painted) for the test to check.
 */
final class ReviewDrive {
	private final ReviewPart part;
	private final Path scan;
	private final Path map;
	private final Path mask;
	private final Path results;
	private final Path shots;
	private final Path model;
	private final Path series;
	private ReviewCase before;
	private org.eclipse.core.runtime.jobs.Job saving;
	private final Map<String, Object> report = new LinkedHashMap<>();
	private int state;
	private int waited;
	private final List<Map<String, Object>> views = new ArrayList<>();
	private long[] composedBefore;

	/** {@code model}: a model package to score the open case with from Review, then save its map (or null). */
	ReviewDrive(ReviewPart part, Path scan, Path map, Path mask, Path results, Path model, Path series, Path shots) {
		this.shots = shots;
		this.model = model;
		this.series = series;
		this.part = part;
		this.scan = scan;
		this.map = map;
		this.mask = mask;
		this.results = results;
	}

	boolean finished() {
		return state == DONE;
	}

	private static final int DONE = 20;

	Map<String, Object> report() {
		return report;
	}

	/**
	 * The responsiveness benchmark: {@code steps} axial slice steps (back and forth through the volume), each painted
	 * at once in all three views (the crosshair moves in the other two), timed on the UI thread.
	 */
	private Map<String, Object> scrollBenchmark(ReviewCase c, int steps) {
		SliceCanvas axial = part.views().get(0);
		var display = axial.getDisplay();
		long framesBefore = axial.frames();
		double[][] paintBefore = part.views().stream().map(SliceCanvas::paintSeconds).toArray(double[][]::new);
		long[] composedBefore = part.views().stream().mapToLong(SliceCanvas::composed).toArray();
		long t0 = System.nanoTime();
		int direction = 1;
		int missed = 0;
		for (int i = 0; i < steps; i++) {
			long slice = axial.slice();
			if (slice + direction < 0 || slice + direction >= c.geometry(axial.plane()).slices()) {
				direction = -direction;
			}
			long[] before = part.views().stream().mapToLong(SliceCanvas::frames).toArray();
			c.scroll(axial.plane(), direction);
			// the event loop runs until every view has painted the new crosshair: a frame as the user sees it
			long deadline = System.nanoTime() + 2_000_000_000L;
			while (!allPainted(before) && System.nanoTime() < deadline) {
				if (!display.readAndDispatch()) {
					Thread.onSpinWait();
				}
			}
			missed += allPainted(before) ? 0 : 1;
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("steps", steps);
		r.put("seconds", seconds);
		r.put("stepsPerSecond", steps / seconds);
		r.put("axialFramesPainted", axial.frames() - framesBefore);
		r.put("stepsNotPaintedWithin2s", missed);
		double paint = 0;
		double render = 0;
		double image = 0;
		for (int i = 0; i < paintBefore.length; i++) {
			double[] now = part.views().get(i).paintSeconds();
			paint += now[0] - paintBefore[i][0];
			render += now[1] - paintBefore[i][1];
			image += now[2] - paintBefore[i][2];
		}
		r.put("imageSeconds", image); // of which making the SWT images from the composed pixels
		r.put("paintSeconds", paint); // inside the views' paint handlers, all three
		r.put("composeSeconds", render); // of which composing the pixels (scan, map, outline)
		r.put("viewSize", new long[] { axial.getSize().x, axial.getSize().y });
		long[] composed = new long[composedBefore.length];
		for (int i = 0; i < composed.length; i++) {
			composed[i] = part.views().get(i).composed() - composedBefore[i];
		}
		r.put("composedPerView", composed); // pictures composed: the other two views reuse theirs
		return r;
	}

	private boolean allPainted(long[] before) {
		for (int i = 0; i < before.length; i++) {
			if (part.views().get(i).isVisible() && part.views().get(i).frames() == before[i]) {
				return false;
			}
		}
		return true;
	}

	/** One step; false while it waits for a Job. */
	void step() {
		if (waited++ > 600) {
			report.put("error", "timed out in state " + state);
			state = DONE;
			return;
		}
		ReviewCase c = part.review();
		switch (state) {
		case 0 -> {
			part.open(scan, false);
			state = 1;
		}
		case 1 -> {
			if (c != null) {
				report.put("openSeconds", part.lastOpenSeconds());
				if (map != null) {
					part.open(map, true);
				}
				if (mask != null) {
					part.openMask(mask);
				}
				state = 2;
			}
		}
		case 2 -> {
			if ((map == null || c.map() != null) && (mask == null || c.mask() != null)) {
				report.put("dims", c.dims());
				report.put("windowOpened", c.window().toString());
				if (c.overlay() != null) {
					report.put("thresholdOpened", c.overlay().threshold());
				}
				for (SliceCanvas v : part.views()) {
					Map<String, Object> view = new LinkedHashMap<>();
					view.put("plane", v.plane().name());
					view.put("sliceOpened", v.slice());
					views.add(view);
				}
				int steps = Integer.getInteger("medad.ui.selftest.bench", 0);
				if (steps > 0) {
					report.put("scroll", scrollBenchmark(c, steps));
				}
				// one axial step first: only the axial view composes a new picture, the others keep theirs
				composedBefore = part.views().stream().mapToLong(SliceCanvas::composed).toArray();
				c.scroll(part.views().get(0).plane(), 1);
				state = 21;
			}
		}
		case 21 -> {
			if (part.views().get(0).composed() > composedBefore[0]) {
				long[] delta = new long[composedBefore.length];
				for (int i = 0; i < delta.length; i++) {
					delta[i] = part.views().get(i).composed() - composedBefore[i];
				}
				report.put("composedOnAxialStep", delta);
				for (SliceCanvas v : part.views()) {
					c.scroll(v.plane(), v == part.views().get(0) ? 2 : 3);
				}
				for (int i = 0; i < views.size(); i++) {
					views.get(i).put("sliceScrolled", part.views().get(i).slice());
				}
				WindowLevel w = c.window();
				c.setWindow(w.dragged(40, -20, Math.max(1, w.width()) / 256));
				if (c.overlay() != null) {
					c.setOverlay(c.overlay().withThreshold(c.overlay().low() + 0.25 * (c.overlay().high() - c.overlay()
							.low())));
					c.jumpToMaximum(); // the screenshot shows the most anomalous place in every view
					report.put("mapMaximum", c.mapMaximum());
				}
				state = 3;
			}
		}
		case 3 -> state = 4; // one more tick: the views paint the new state
		case 4 -> {
			if (shots != null) { // the overlay and the outline as they are now, before the results replace the case
				var shell = part.views().get(0).getShell();
				try {
					SelfTestAddon.screenshot(shell.getDisplay(), shell, shots.resolve("review-overlay.png"));
				} catch (java.io.IOException e) {
					report.put("error", "screenshot: " + e.getMessage());
				}
			}
			for (int i = 0; i < part.views().size(); i++) {
				SliceCanvas v = part.views().get(i);
				Map<String, Object> view = views.get(i);
				view.put("slice", v.slice());
				view.put("letters", v.edgeLetters());
				view.put("frames", v.frames());
				view.put("visible", v.isVisible());
				for (var child : v.getParent().getChildren()) {
					if (child instanceof org.eclipse.swt.widgets.Slider slider) {
						view.put("slider", slider.getSelection());
					}
				}
			}
			report.put("views", views);
			part.chooseLayout(2); // 1+3: the axial view large above the three, then back
			Map<String, Object> large = new LinkedHashMap<>();
			large.put("largeVisible", part.largeView().isVisible());
			large.put("largeSize", new int[] { part.largeView().getSize().x, part.largeView().getSize().y });
			large.put("smallVisible", part.views().stream().map(SliceCanvas::isVisible).toList());
			large.put("axialSize", new int[] { part.views().get(0).getSize().x, part.views().get(0).getSize().y });
			large.put("largeSlice", part.largeView().slice());
			part.chooseLayout(0);
			large.put("largeVisibleAfter", part.largeView().isVisible());
			report.put("layout1plus3", large);
			report.put("window", c.window().toString());
			report.put("crosshair", c.crosshair());
			report.put("overlay", c.overlay() == null ? null : Map.of("threshold", c.overlay().threshold(), "high", c
					.overlay().high()));
			if (results != null) { // then a score output folder: its case list, the most anomalous case opened
				before = c;
				part.openDropped(results); // as a drop of the folder onto the window does
				state = 5;
			} else {
				state = DONE;
			}
		}
		case 5 -> {
			if (!part.listedCases().isEmpty() && c != before && c.map() != null) {
				report.put("listed", part.listedCases());
				report.put("listedRows", part.listedRows());
				report.put("openedFromList", c.scan().source());
				report.put("crosshairFromList", c.crosshair());
				report.put("mapMaximumFromList", c.mapMaximum());
				state = model == null ? DONE : 6;
			}
		}
		case 6 -> { // Score with model… on the open case: the list is replaced by the run's one scored case
			before = c;
			report.put("scoredCase", c.scan().source());
			part.score(model, false);
			report.put("scoringStarted", part.scoring());
			state = 7;
		}
		case 7 -> {
			if (!part.scoring() && part.lastRun() != null && c != before && c.map() != null) {
				report.put("scoredRun", part.lastRun().toString());
				report.put("scoredListed", part.listedCases());
				report.put("scoredScores", part.listedScores());
				report.put("scoredMapMaximum", c.mapMaximum());
				saving = part.saveMap(shots.resolve("saved-map.nii.gz"));
				state = 8;
			}
		}
		case 8 -> {
			if (saving.getResult() != null) {
				report.put("savedMap", shots.resolve("saved-map.nii.gz").toString());
				state = series == null ? DONE : 9;
			}
		}
		case 9 -> { // a folder of two DICOM series: the browser lists them, the 8-slice one is chosen and opens
			before = c;
			part.openDropped(series);
			state = 10;
		}
		case 10 -> {
			var browser = part.seriesBrowser();
			if (browser != null) {
				List<List<String>> rows = browser.rows();
				report.put("seriesRows", rows);
				int eight = 0;
				for (int i = 0; i < rows.size(); i++) {
					eight = "8".equals(rows.get(i).get(4)) ? i : eight;
				}
				browser.choose(eight);
				state = 11;
			}
		}
		case 11 -> {
			if (c != before && c.dims()[2] == 8) {
				report.put("seriesOpened", c.dims());
				report.put("seriesBrowserClosed", part.seriesBrowser() == null);
				report.put("recent", part.recentShown());
				state = DONE;
			}
		}
		default -> {
		}
		}
	}
}

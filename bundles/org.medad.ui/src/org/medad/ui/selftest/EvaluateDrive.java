package org.medad.ui.selftest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.medad.ui.evaluate.EvaluatePart;
import org.medad.ui.review.ReviewPart;

/**
 * The self-test's pass over the Evaluate screen: evaluate a model on a data set in the part's Job, report the
 * metrics, curves and thumbnails shown, screenshot them, then double-click the most anomalous case and report what
 * Review was sent.
 */
final class EvaluateDrive {
	private final EvaluatePart part;
	private final ReviewPart review;
	private final Path model;
	private final Path data;
	private final Path shots;
	private final Map<String, Object> report = new LinkedHashMap<>();
	private int state;
	private int waited;

	EvaluateDrive(EvaluatePart part, ReviewPart review, Path model, Path data, Path shots) {
		this.part = part;
		this.review = review;
		this.model = model;
		this.data = data;
		this.shots = shots;
	}

	boolean finished() {
		return state == 4;
	}

	Map<String, Object> report() {
		return report;
	}

	void step(Runnable backToEvaluate) throws java.io.IOException {
		switch (state) {
		case 0 -> {
			part.evaluate(model, data, "test");
			state = 1;
		}
		case 1 -> {
			if (!part.running()) {
				var runs = part.runs();
				report.put("runs", runs.size());
				if (!runs.isEmpty()) {
					report.put("metrics", runs.get(0).metrics().get("image_auroc"));
					report.put("mostAnomalous", runs.get(0).gallery().mostAnomalous().isEmpty() ? null : runs.get(0)
							.gallery().mostAnomalous().get(0).id());
				}
				report.put("metricRows", part.metricRows());
				report.put("plotted", part.plotted());
				report.put("thumbnails", part.thumbnailCount());
				state = 2;
			}
		}
		case 2 -> {
			var display = org.eclipse.swt.widgets.Display.getCurrent();
			var shell = display.getActiveShell() != null ? display.getActiveShell() : display.getShells()[0];
			SelfTestAddon.screenshot(display, shell, shots.resolve("evaluate-results.png"));
			var runs = part.runs();
			if (!runs.isEmpty() && report.get("mostAnomalous") != null) {
				part.openInReview(runs.get(0), (String) report.get("mostAnomalous"));
			}
			state = 3;
		}
		case 3 -> {
			if (review.lastCaseSent() != null || ++waited > 20) {
				report.put("reviewOpened", review.lastCaseSent() == null ? null : review.lastCaseSent().toString());
				backToEvaluate.run();
				state = 4;
			}
		}
		default -> {
		}
		}
	}
}

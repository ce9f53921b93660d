package org.medad.ui.selftest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.medad.ui.train.TrainPart;

/**
 * The self-test's pass over the Train screen, one step per timer tick: choose the detector, data set and output;
 * type an invalid value and see it marked with Start disabled; enter the test's settings ({@code key=value;...}),
 * start, wait for the Job, and report what the chart plotted and what the run wrote.
 */
final class TrainDrive {
	private final TrainPart part;
	private final String detector;
	private final Path data;
	private final Path model;
	private final String settings;
	private final Map<String, Object> report = new LinkedHashMap<>();
	private int state;
	private long started;

	TrainDrive(TrainPart part, String detector, Path data, Path model, String settings) {
		this.part = part;
		this.detector = detector;
		this.data = data;
		this.model = model;
		this.settings = settings;
	}

	boolean finished() {
		return state == 7;
	}

	private void type(String keyValues) {
		for (String kv : keyValues.split(";")) {
			if (!kv.isBlank()) {
				String[] p = kv.split("=", 2);
				part.form().type(p[0].trim(), p[1].trim());
			}
		}
	}

	Map<String, Object> report() {
		return report;
	}

	void step() {
		switch (state) {
		case 0 -> {
			part.choose(detector, data, model);
			var form = part.form();
			report.put("startEnabledAtFirst", part.startEnabled());
			form.type("batch", "0"); // below its minimum of 1
			report.put("invalidMarked", form.marked("batch"));
			report.put("invalidProblem", form.problemText());
			report.put("startEnabledWhileInvalid", part.startEnabled());
			form.type("batch", "8");
			type(settings);
			report.put("invalidAfterFix", form.draft().problems().keySet().toString());
			// a preset of these settings: saved, the form changed, the preset applied brings them back
			part.savePreset("selftest preset");
			form.type("batch", "16");
			part.applyPreset("selftest preset");
			report.put("presets", part.presetChoices());
			report.put("batchAfterPreset", part.form().draft().text("batch"));
			report.put("startEnabled", part.startEnabled());
			started = System.nanoTime();
			part.start(false);
			state = 1;
		}
		case 1 -> {
			if (!part.running()) {
				part.chart().update();
				report.put("seconds", (System.nanoTime() - started) / 1e9);
				report.put("plotted", part.chart().plotted());
				Map<String, Integer> received = new LinkedHashMap<>();
				part.curves().names().forEach(n -> received.put(n, part.curves().count(n)));
				report.put("received", received);
				report.put("state", part.stateText());
				report.put("model", part.trained() == null ? null : part.trained().folder().toString());
				report.put("log", part.logText());
				report.put("devicesFound", part.devicesFound());
				report.put("deviceChoices", part.deviceChoices());
				state = 2;
			}
		}
		case 2 -> { // then a second run into another package: cancelled after its first epoch, then resumed
			part.choose(detector, data, model.resolveSibling(model.getFileName() + "-resumed"));
			type(settings + ";epochs=3");
			part.start(false);
			state = 3;
		}
		case 3 -> {
			if (part.curves().count("epoch loss") >= 1) {
				part.cancel();
				state = 4;
			} else if (!part.running()) {
				report.put("cancelError", "the run ended before it could be cancelled: " + part.stateText());
				state = 6;
			}
		}
		case 4 -> {
			if (!part.running()) {
				report.put("cancelledState", part.stateText());
				report.put("checkpointsAfterCancel", part.checkpointsShown());
				part.start(true);
				state = 5;
			}
		}
		case 5 -> {
			if (!part.running()) {
				report.put("resumedState", part.stateText());
				report.put("resumedLog", part.logText());
				report.put("resumedModel", part.trained() == null ? null : part.trained().folder().toString());
				state = 6;
			}
		}
		case 6 -> state = 7; // one more tick so the chart has painted for the screenshot
		default -> {
		}
		}
	}
}

package org.medad.ui.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What a map's score output folder says about it: a map written by {@code medad score} lies under a folder with
 * run.json, which names the model package; the package's model.json holds the calibrated pixel threshold, the
 * overlay's default threshold.
 */
final class ScoreOutputs {
	private ScoreOutputs() {
	}

	/** The calibrated pixel threshold of the model that wrote {@code map}, or null when none can be found. */
	static Double pixelThreshold(Path map) {
		for (Path dir = map.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
			Path run = dir.resolve("run.json");
			if (Files.isRegularFile(run)) {
				try {
					JsonObject r = JsonParser.parseString(Files.readString(run)).getAsJsonObject();
					if (!r.has("model")) {
						return null;
					}
					Path model = Path.of(r.get("model").getAsString()).resolve("model.json");
					JsonObject m = JsonParser.parseString(Files.readString(model)).getAsJsonObject();
					JsonObject t = m.has("thresholds") && m.get("thresholds").isJsonObject() ? m.getAsJsonObject(
							"thresholds") : null;
					return t == null || !t.has("pixel") || t.get("pixel").isJsonNull() ? null : t.get("pixel")
							.getAsDouble();
				} catch (IOException | RuntimeException e) {
					return null; // no threshold to offer: the overlay starts at 0, as for any map
				}
			}
		}
		return null;
	}
}

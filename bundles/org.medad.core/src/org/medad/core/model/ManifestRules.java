package org.medad.core.model;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.medad.core.error.ModelException;

/**
 * What every model.json must satisfy whatever its detector: the fields a reader relies on are present, counts and
 * sizes are non-negative, numbers are finite, hashes are hashes. The detector's own settings are checked against its
 * schema when the package is opened for it ({@code org.medad.core.detect.PackageCheck}).
 */
final class ManifestRules {
	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
	private static final Pattern DETECTOR_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

	private ManifestRules() {
	}

	static void check(Path json, ModelManifest m) throws ModelException {
		if (m.formatVersion() != ModelManifest.FORMAT_VERSION) {
			throw new ModelException(json + ": package format " + m.formatVersion() + " is not supported (this "
					+ "version reads format " + ModelManifest.FORMAT_VERSION + ")");
		}
		if (m.detector() == null || m.detector().id() == null || !DETECTOR_ID.matcher(m.detector().id()).matches()) {
			throw bad(json, "detector.id", "missing or not a detector id ("
					+ (m.detector() == null ? "no detector" : quoted(m.detector().id())) + ")");
		}
		if (m.settings() == null) {
			throw bad(json, "settings", "missing (an empty {} when the detector has none)");
		}
		checkThresholds(json, m.thresholds());
		checkTraining(json, m.training());
		checkWeights(json, m);
		if (m.references() != null) {
			for (ModelManifest.Reference r : m.references()) {
				if (r == null || r.name() == null || (r.sha256() != null && !SHA256.matcher(r.sha256()).matches())) {
					throw bad(json, "references", "an entry lacks its name or has a malformed sha256");
				}
			}
		}
	}

	private static void checkThresholds(Path json, ModelManifest.Thresholds t) throws ModelException {
		if (t == null) {
			return;
		}
		finite(json, "thresholds.image", t.image());
		finite(json, "thresholds.pixel", t.pixel());
	}

	private static void checkTraining(Path json, ModelManifest.Training t) throws ModelException {
		if (t == null) {
			return;
		}
		if (t.files() < 0 || t.epochs() < 0) {
			throw bad(json, "training", "negative file or epoch count (" + t.files() + " files, " + t.epochs()
					+ " epochs)");
		}
		if (!Double.isFinite(t.seconds()) || t.seconds() < 0) {
			throw bad(json, "training.seconds", t.seconds() + " is not a duration");
		}
	}

	private static void checkWeights(Path json, ModelManifest m) throws ModelException {
		if (m.weights() == null || m.weights().isEmpty()) {
			throw bad(json, "weights", "no weight file listed");
		}
		Set<String> seen = new HashSet<>();
		for (ModelManifest.WeightFile w : m.weights()) {
			if (w == null || w.file() == null || w.file().isBlank()) {
				throw bad(json, "weights", "an entry names no file");
			}
			if (!seen.add(w.file())) {
				throw bad(json, "weights", "'" + w.file() + "' is listed twice");
			}
			if (w.sha256() == null || !SHA256.matcher(w.sha256()).matches()) {
				throw bad(json, "weights", "'" + w.file() + "' has no valid sha256 (" + quoted(w.sha256()) + ")");
			}
			if (w.size() < 0) {
				throw bad(json, "weights", "'" + w.file() + "' has a negative size (" + w.size() + ")");
			}
		}
	}

	private static void finite(Path json, String field, Double value) throws ModelException {
		if (value != null && !Double.isFinite(value)) {
			throw bad(json, field, value + " is not a finite number");
		}
	}

	private static String quoted(String s) {
		return s == null ? "none" : "'" + s + "'";
	}

	private static ModelException bad(Path json, String field, String problem) {
		return new ModelException(json + ": field " + field + ": " + problem);
	}
}

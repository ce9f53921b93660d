package org.medad.core.detect;

import java.nio.file.Files;
import java.nio.file.Path;

import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.settings.Settings;

/**
 * A verified package checked against the detector that is to open it: its settings must be ones the detector
 * declares, within their ranges, and its thresholds within the detector's score range. A package that fails was
 * edited or belongs to another detector; it is a model error naming the package, never a usage error.
 */
public final class PackageCheck {
	private PackageCheck() {
	}

	/** The package's settings, typed and validated against {@code detector}'s schema. */
	public static Settings check(AnomalyDetector detector, ModelPackage pkg) throws ModelException {
		Path json = where(pkg);
		ModelManifest m = pkg.manifest();
		DetectorDescriptor d = detector.descriptor();
		if (!d.id().equals(m.detector().id())) {
			throw new ModelException(json + ": written by detector '" + m.detector().id() + "', not '" + d.id() + "'");
		}
		Settings settings;
		try {
			settings = detector.settingsSchema().coerce(m.settings());
		} catch (UsageException e) {
			throw new ModelException(json + ": does not fit detector '" + d.id() + "' " + d.version() + ": "
					+ e.getMessage() + " (edited, or written for another detector?)");
		}
		ModelManifest.Thresholds t = m.thresholds();
		if (t != null) {
			ScoreRange range = detector.scoreRange();
			inRange(json, d, "image", t.image(), range);
			inRange(json, d, "pixel", t.pixel(), range);
		}
		return settings;
	}

	/**
	 * Checks the package, then has the detector rebuild its model; a setting the detector still rejects while loading
	 * is reported against the package too.
	 */
	public static TrainedModel open(AnomalyDetector detector, ModelPackage pkg) throws MedadException {
		check(detector, pkg);
		try {
			return detector.load(pkg);
		} catch (UsageException e) {
			throw new ModelException(where(pkg) + ": " + e.getMessage(), e);
		}
	}

	private static void inRange(Path json, DetectorDescriptor d, String which, Double value, ScoreRange range)
			throws ModelException {
		if (value != null && !range.contains(value)) {
			throw new ModelException(json + ": " + which + " threshold " + value + " lies outside the scores detector '"
					+ d.id() + "' produces " + range + " (edited or damaged?)");
		}
	}

	private static Path where(ModelPackage pkg) {
		return Files.isDirectory(pkg.folder()) ? pkg.folder().resolve(ModelPackage.MANIFEST) : pkg.folder();
	}
}

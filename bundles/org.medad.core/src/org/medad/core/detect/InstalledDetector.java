package org.medad.core.detect;

/** A detector service together with the bundle that provides it. */
public record InstalledDetector(AnomalyDetector detector, String bundle, String bundleVersion) {

	public DetectorDescriptor descriptor() {
		return detector.descriptor();
	}
}

package org.medad.install;

/**
 * A feature that an update site offers in its "Detectors" category, beside what of it the running installation
 * holds: {@code installedVersion} is null when it is not installed.
 */
public record SiteFeature(String id, String version, String name, String description, String provider,
		String installedVersion) {

	public boolean installed() {
		return installedVersion != null;
	}

	/** What the installation has of it, as the dialog's status column shows it. */
	public String state() {
		if (installedVersion == null) {
			return "Not installed";
		}
		return installedVersion.equals(version) ? "Installed" : "Installed " + installedVersion;
	}
}

package org.medad.batch.run;

import org.osgi.framework.FrameworkUtil;

/** The version of this software as recorded in model packages and run records. */
public final class SoftwareVersion {
	private SoftwareVersion() {
	}

	public static String get() {
		var b = FrameworkUtil.getBundle(SoftwareVersion.class);
		return b == null ? "unknown" : b.getVersion().toString();
	}
}

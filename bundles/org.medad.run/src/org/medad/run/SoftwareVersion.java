package org.medad.run;

/**
 * The version of this software as recorded in model packages and run records: the bundle's version inside OSGi;
 * outside a framework (a worker of a distributed engine, a plain test) the version the build wrote into
 * {@code medad.version}, else "unknown".
 */
public final class SoftwareVersion {
	private SoftwareVersion() {
	}

	public static String get() {
		try {
			var b = org.osgi.framework.FrameworkUtil.getBundle(SoftwareVersion.class);
			if (b != null) {
				return b.getVersion().toString();
			}
		} catch (LinkageError e) {
			// no OSGi classes on this class path
		}
		return System.getProperty("medad.version", "unknown");
	}
}

package org.medad.io.format;

import org.medad.io.internal.ServiceImageFormats;

/**
 * The formats this bundle provides, without an OSGi framework: what a worker of a distributed engine or a plain test
 * passes to the workflows. Inside OSGi use the {@link ImageFormats} service, which also sees formats that other
 * bundles add.
 */
public final class StandardFormats {
	private StandardFormats() {
	}

	public static ImageFormats create() {
		return ServiceImageFormats.standard();
	}
}

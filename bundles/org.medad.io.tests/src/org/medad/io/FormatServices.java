package org.medad.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.medad.io.format.ImageFormats;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The {@link ImageFormats} DS service of the running framework, as the batch and UI bundles get it. */
public final class FormatServices {
	private FormatServices() {
	}

	public static ImageFormats get() throws InterruptedException {
		var ctx = FrameworkUtil.getBundle(FormatServices.class).getBundleContext();
		ServiceTracker<ImageFormats, ImageFormats> t = new ServiceTracker<>(ctx, ImageFormats.class, null);
		t.open();
		ImageFormats f = t.waitForService(10_000);
		assertNotNull(f, "ImageFormats service missing");
		return f;
	}
}

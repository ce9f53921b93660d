package org.medad.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** DS services as the test bundles find them: waited for (components activate asynchronously), never null. */
public final class Services {
	private Services() {
	}

	public static <T> T get(Class<T> type) throws InterruptedException {
		BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
		ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
		t.open();
		T s = t.waitForService(10_000);
		assertNotNull(s, type.getSimpleName() + " not registered");
		return s;
	}
}

package org.medad.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** The catalog is a DS component that follows detector services as they are registered and withdrawn. */
class ServiceDetectorCatalogTest {

	@Test
	void catalogFollowsDetectorServices() throws Exception {
		BundleContext ctx = FrameworkUtil.getBundle(getClass()).getBundleContext();
		ServiceTracker<DetectorCatalog, DetectorCatalog> tracker = new ServiceTracker<>(ctx, DetectorCatalog.class, null);
		tracker.open();
		try {
			DetectorCatalog catalog = tracker.waitForService(10_000);
			assertNotNull(catalog, "DetectorCatalog DS component is not registered");
			assertTrue(catalog.find("fake").isEmpty());
			ServiceRegistration<AnomalyDetector> reg = ctx.registerService(AnomalyDetector.class, new Fake(),
					new Hashtable<>());
			assertEquals("fake", catalog.require("fake").descriptor().id());
			assertEquals("org.medad.core", catalog.require("fake").bundle());
			reg.unregister();
			assertTrue(catalog.find("fake").isEmpty());
		} finally {
			tracker.close();
		}
	}

	private static final class Fake implements AnomalyDetector {
		@Override
		public DetectorDescriptor descriptor() {
			return new DetectorDescriptor("fake", "Fake", "1.0.0", LearnsFrom.NORMAL, new InputSpec("axial", 8), "");
		}

		@Override
		public SettingsSchema settingsSchema() {
			return SettingsSchema.of();
		}

		@Override
		public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor) {
			throw new UnsupportedOperationException();
		}

		@Override
		public TrainedModel load(ModelPackage model) {
			throw new UnsupportedOperationException();
		}
	}
}

package org.medad.run.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medad.io.format.ImageFormat;
import org.medad.run.Workflows;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Inside OSGi the workflows are a service wired to the installed image formats. */
class WorkflowsServiceTest {

	@Test
	void theWorkflowsServiceReadsWithTheInstalledFormats() throws Exception {
		var context = FrameworkUtil.getBundle(WorkflowsServiceTest.class).getBundleContext();
		ServiceTracker<Workflows, Workflows> t = new ServiceTracker<>(context, Workflows.class, null);
		t.open();
		try {
			Workflows w = t.waitForService(10_000);
			assertNotNull(w, "Workflows service not registered");
			var names = w.formats().formats().stream().map(ImageFormat::name).toList();
			assertTrue(names.contains("NIfTI") && names.contains("PNG"), names.toString());
			assertNotNull(w.training(org.medad.core.progress.ProgressMonitor.NULL));
		} finally {
			t.close();
		}
	}
}

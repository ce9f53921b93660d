package org.medad.batch.cli;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The Equinox application {@code org.medad.batch.medad}: hands the arguments to the {@link CommandLine} service. */
public class MedadApplication implements IApplication {
	private static final long SERVICE_WAIT_MS = 20_000;

	@Override
	public Object start(IApplicationContext context) throws Exception {
		context.applicationRunning();
		String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		var bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
		ServiceTracker<CommandLine, CommandLine> tracker = new ServiceTracker<>(bundleContext, CommandLine.class, null);
		tracker.open();
		try {
			CommandLine cli = tracker.waitForService(SERVICE_WAIT_MS);
			if (cli == null) {
				System.err.println("medad: internal error: the command-line service did not start within "
						+ SERVICE_WAIT_MS / 1000 + " s (is org.apache.felix.scr installed and started?)");
				return 1;
			}
			int code = cli.execute(args == null ? new String[0] : args, System.out, System.err);
			System.out.flush();
			return code;
		} finally {
			tracker.close();
		}
	}

	@Override
	public void stop() {
		// commands run to completion or are interrupted by the framework shutting down
	}
}

package org.medad.ui.install;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Shell;
import org.medad.install.DetectorInstaller;

import jakarta.inject.Named;

/** Help > Install Detectors. */
public class InstallDetectorsHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, DetectorInstaller installer,
			IWorkbench workbench) {
		new InstallDetectorsDialog(shell, installer, workbench::restart).open();
	}
}

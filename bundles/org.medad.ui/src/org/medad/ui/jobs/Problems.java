package org.medad.ui.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.widgets.Shell;
import org.medad.core.error.MedadException;

/**
 * The one way the workbench reports a failure: a dialog whose message names what was being done and why it failed
 * in the words the command line would print; the causes and the stack trace sit under "Details" for a bug report,
 * never as the only message. The workbench stays usable afterwards.
 */
public final class Problems {
	private static final String BUNDLE = "org.medad.ui";

	private Problems() {
	}

	/** The reason as a user reads it: the exception's message, or its kind where it has none. */
	public static String reason(Throwable e) {
		String m = e.getMessage();
		if (m == null || m.isBlank()) {
			return e instanceof MedadException ? e.getClass().getSimpleName() : "internal error (" + e + ")";
		}
		return m;
	}

	/** The status the dialog shows: the reason, with each cause and the stack trace as its details. */
	public static MultiStatus status(String what, Throwable e) {
		List<IStatus> details = new ArrayList<>();
		for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
			details.add(Status.error("caused by: " + c));
		}
		StringWriter trace = new StringWriter();
		e.printStackTrace(new PrintWriter(trace));
		for (String line : trace.toString().split("\\R")) {
			details.add(Status.error(line.replace("\t", "    ")));
		}
		return new MultiStatus(BUNDLE, IStatus.ERROR, details.toArray(IStatus[]::new), what + ": " + reason(e), e);
	}

	/** Opens the dialog (UI thread): {@code title} e.g. "Cannot open scan.nii.gz", {@code what} the file or the action. */
	public static void show(Shell shell, String title, String what, Throwable e) {
		ErrorDialog.openError(shell, title, null, status(what, e));
	}
}

package org.medad.ui.install;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.medad.install.DetectorInstaller;
import org.medad.install.SiteFeature;
import org.medad.install.UpdateSites;

/**
 * Help > Install Detectors: an update site (typed, chosen from those added before, or browsed to), the features
 * of its "Detectors" category with name, version, whether installed and the description of the selected one;
 * Install and Uninstall the checked ones through p2 in a Job with progress here and Cancel; then Restart Now, as
 * the new bundles start only with the next launch. Nothing here runs p2 on the UI thread.
 */
public class InstallDetectorsDialog extends Dialog {
	public static final int LOAD = IDialogConstants.CLIENT_ID + 1;
	public static final int INSTALL = IDialogConstants.CLIENT_ID + 2;
	public static final int UNINSTALL = IDialogConstants.CLIENT_ID + 3;
	public static final int RESTART = IDialogConstants.CLIENT_ID + 4;
	private static final String[] COLUMNS = { "Name", "Version", "Status", "Id" };

	private final DetectorInstaller installer;
	private final Runnable restart;
	private Combo site;
	private Button load;
	private Button browse;
	private Table table;
	private Text description;
	private ProgressBar bar;
	private Label status;
	private URI loaded;
	private Job running;
	private boolean changed;
	private final AtomicBoolean progressPosted = new AtomicBoolean();
	private volatile double progressDone;
	private volatile String progressTask = "";

	public InstallDetectorsDialog(Shell parent, DetectorInstaller installer, Runnable restart) {
		super(parent);
		this.installer = installer;
		this.restart = restart;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Install Detectors");
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected org.eclipse.swt.graphics.Point getInitialSize() {
		return new org.eclipse.swt.graphics.Point(820, 560);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		area.setLayout(new GridLayout(4, false));
		new Label(area, SWT.NONE).setText("Update site:");
		site = new Combo(area, SWT.DROP_DOWN);
		site.setData("org.medad.ui.id", "install.site");
		site.setToolTipText("An update site URL (http:, https:, file:), a folder holding one, or a zipped site");
		site.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		site.addListener(SWT.DefaultSelection, e -> loadSite());
		browse = new Button(area, SWT.PUSH);
		browse.setText("Browse...");
		browse.addListener(SWT.Selection, e -> {
			DirectoryDialog chooser = new DirectoryDialog(getShell());
			chooser.setText("Update site folder");
			String folder = chooser.open();
			if (folder != null) {
				site.setText(folder);
				loadSite();
			}
		});
		load = new Button(area, SWT.PUSH);
		load.setText("Load");
		load.setData("org.medad.ui.id", "install.load");
		load.addListener(SWT.Selection, e -> loadSite());

		table = new Table(area, SWT.BORDER | SWT.CHECK | SWT.FULL_SELECTION | SWT.SINGLE);
		table.setData("org.medad.ui.id", "install.features");
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
		tableData.heightHint = 220;
		table.setLayoutData(tableData);
		for (String c : COLUMNS) {
			new TableColumn(table, SWT.LEFT).setText(c);
		}
		table.addListener(SWT.Selection, e -> {
			showDescription();
			enable();
		});

		description = new Text(area, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
		GridData textData = new GridData(SWT.FILL, SWT.FILL, true, false, 4, 1);
		textData.heightHint = 70;
		description.setLayoutData(textData);
		description.setMessage("The description of the selected feature");

		bar = new ProgressBar(area, SWT.HORIZONTAL | SWT.SMOOTH);
		bar.setMaximum(1000);
		bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
		status = new Label(area, SWT.WRAP);
		status.setData("org.medad.ui.id", "install.status");
		GridData statusData = new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1);
		statusData.widthHint = 200; // wrap to the dialog's width rather than widen it
		status.setLayoutData(statusData);
		say("Enter an update site and press Load.");

		inJob("Reading the known update sites", m -> installer.sites(), sites -> {
			for (URI u : sites) {
				site.add(u.toString());
			}
			if (site.getText().isEmpty() && site.getItemCount() > 0) {
				site.select(0);
			}
			say(sites.isEmpty() ? "Enter an update site and press Load."
					: "Choose an update site added before, or enter another, and press Load.");
		});
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, INSTALL, "Install", false);
		createButton(parent, UNINSTALL, "Uninstall", false);
		createButton(parent, RESTART, "Restart Now", false);
		createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
		enable();
	}

	@Override
	protected void buttonPressed(int id) {
		switch (id) {
		case INSTALL -> change(true);
		case UNINSTALL -> change(false);
		case RESTART -> {
			close();
			restart.run();
		}
		case IDialogConstants.CLOSE_ID -> {
			if (running != null) {
				running.cancel();
				say("Cancelling...");
			} else {
				close();
			}
		}
		default -> super.buttonPressed(id);
		}
	}

	@Override
	public boolean close() {
		if (running != null) { // p2 is changing the installation: cancel it rather than leave it half done unseen
			running.cancel();
			return false;
		}
		return super.close();
	}

	private void loadSite() {
		URI uri;
		try {
			uri = UpdateSites.parse(site.getText());
		} catch (IllegalArgumentException e) {
			say(e.getMessage());
			return;
		}
		table.removeAll();
		inJob("Reading update site " + uri, m -> features(uri, m), list -> {
			loaded = uri;
			show(list);
			if (site.indexOf(uri.toString()) < 0) {
				site.add(uri.toString());
			}
			say(list.isEmpty() ? "The site's Detectors category is empty." : list.size()
					+ " detector feature(s) on " + uri + ". Check the ones to install or uninstall.");
		});
	}

	private void change(boolean install) {
		List<String> ids = new ArrayList<>();
		for (TableItem item : table.getItems()) {
			SiteFeature f = (SiteFeature) item.getData();
			if (item.getChecked() && (install ? !f.installed() || !f.installedVersion().equals(f.version()) : f.installed())) {
				ids.add(f.id());
			}
		}
		if (ids.isEmpty()) {
			return;
		}
		URI from = loaded;
		String verb = install ? "Installing " : "Uninstalling ";
		inJob(verb + String.join(", ", ids), m -> {
			IStatus done = install ? installer.install(from, ids, m) : installer.uninstall(ids, m);
			if (!done.isOK() && !done.matches(IStatus.WARNING | IStatus.INFO)) {
				throw new StatusFailure(done);
			}
			return features(from, null);
		}, list -> {
			changed = true;
			List<String> names = list.stream().filter(f -> ids.contains(f.id())).map(SiteFeature::name).toList();
			show(list);
			say((install ? "Installed " : "Uninstalled ") + String.join(", ", names) + ". Restart Now to "
					+ (install ? "start the new detectors" : "remove them") + ", or it happens at the next launch.");
		});
	}

	/** In a Job: the site's detector features, a p2 failure carried out as its status. */
	private List<SiteFeature> features(URI uri, IProgressMonitor monitor) {
		try {
			return installer.features(uri, monitor);
		} catch (CoreException e) {
			throw new StatusFailure(e.getStatus());
		}
	}

	private void show(List<SiteFeature> list) {
		table.removeAll();
		for (SiteFeature f : list) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { f.name(), f.version(), f.state(), f.id() });
			item.setData(f);
		}
		for (TableColumn c : table.getColumns()) {
			c.pack();
		}
		description.setText("");
		enable();
	}

	private void showDescription() {
		int i = table.getSelectionIndex();
		if (i >= 0) {
			SiteFeature f = (SiteFeature) table.getItem(i).getData();
			description.setText(f.description() + (f.provider().isEmpty() ? "" : "\nProvider: " + f.provider()));
		}
	}

	private void enable() {
		boolean idle = running == null;
		boolean canInstall = false;
		boolean canUninstall = false;
		if (table != null) {
			for (TableItem item : table.getItems()) {
				SiteFeature f = (SiteFeature) item.getData();
				if (item.getChecked()) {
					canInstall |= !f.installed() || !f.installedVersion().equals(f.version());
					canUninstall |= f.installed();
				}
			}
			site.setEnabled(idle);
			load.setEnabled(idle);
			browse.setEnabled(idle);
			table.setEnabled(idle);
		}
		setEnabled(INSTALL, idle && canInstall);
		setEnabled(UNINSTALL, idle && canUninstall);
		setEnabled(RESTART, idle && changed);
		Button close = getButton(IDialogConstants.CLOSE_ID);
		if (close != null) {
			close.setText(idle ? IDialogConstants.CLOSE_LABEL : IDialogConstants.CANCEL_LABEL);
		}
	}

	/** The status line under the progress bar, wrapped to as many lines as it needs. */
	private void say(String text) {
		status.setText(text);
		status.getParent().layout(true);
	}

	private void setEnabled(int id, boolean on) {
		Button b = getButton(id);
		if (b != null) {
			b.setEnabled(on);
		}
	}

	/** Runs {@code work} in a Job; {@code done} gets its result on the UI thread, a failure gets a dialog. */
	private <T> void inJob(String name, Function<IProgressMonitor, T> work, Consumer<T> done) {
		Display display = getShell() != null ? getShell().getDisplay() : Display.getCurrent();
		say(name + "...");
		bar.setSelection(0);
		Job job = Job.create(name, monitor -> {
			Object result;
			try {
				result = work.apply(new UiProgress(monitor, this::progress));
			} catch (StatusFailure e) {
				result = e;
			} catch (RuntimeException e) {
				result = new StatusFailure(Status.error(name + " failed: " + e, e));
			}
			Object outcome = monitor.isCanceled() ? Status.CANCEL_STATUS : result;
			display.asyncExec(() -> finished(name, outcome, done));
			return Status.OK_STATUS;
		});
		running = job;
		enable();
		job.schedule();
	}

	@SuppressWarnings("unchecked")
	private <T> void finished(String name, Object outcome, Consumer<T> done) {
		running = null;
		if (status.isDisposed()) {
			return;
		}
		bar.setSelection(0);
		enable();
		if (outcome == Status.CANCEL_STATUS) {
			say(name + ": cancelled.");
		} else if (outcome instanceof StatusFailure f) {
			say(f.status.getMessage());
			ErrorDialog.openError(getShell(), "Install Detectors", name + " failed.", f.status);
		} else {
			done.accept((T) outcome);
		}
	}

	/** From the Job's thread: at most one UI update queued at a time, showing the latest figures. */
	private void progress(double fraction, String task) {
		progressDone = fraction;
		progressTask = task;
		if (progressPosted.compareAndSet(false, true) && getShell() != null) {
			getShell().getDisplay().asyncExec(() -> {
				progressPosted.set(false);
				if (!bar.isDisposed() && running != null) {
					bar.setSelection((int) Math.round(progressDone * 1000));
					if (!progressTask.isBlank()) {
						say(progressTask);
					}
				}
			});
		}
	}

	// what the self-test reads and presses, through the same widgets and listeners a user does

	public void typeSite(String text) {
		site.setText(text);
	}

	public List<String> knownSites() {
		return List.of(site.getItems());
	}

	public void press(int id) {
		Button b = id == LOAD ? load : getButton(id);
		if (b.isEnabled()) {
			b.notifyListeners(SWT.Selection, new Event());
		}
	}

	public boolean enabled(int id) {
		return (id == LOAD ? load : getButton(id)).isEnabled();
	}

	public void check(String featureId) {
		for (TableItem item : table.getItems()) {
			if (((SiteFeature) item.getData()).id().equals(featureId)) {
				item.setChecked(true);
				table.setSelection(item);
				Event e = new Event();
				e.item = item;
				e.detail = SWT.CHECK;
				table.notifyListeners(SWT.Selection, e);
			}
		}
	}

	public boolean busy() {
		return running != null;
	}

	public String statusText() {
		return status.getText();
	}

	public String descriptionText() {
		return description.getText();
	}

	/** The table as shown: one map per row with the column texts. */
	public List<Map<String, String>> rows() {
		List<Map<String, String>> rows = new ArrayList<>();
		for (TableItem item : table.getItems()) {
			Map<String, String> row = new LinkedHashMap<>();
			for (int c = 0; c < COLUMNS.length; c++) {
				row.put(COLUMNS[c].toLowerCase(), item.getText(c));
			}
			rows.add(row);
		}
		return rows;
	}

	/** A p2 status carried out of a Job's work to the dialog that shows it. */
	private static final class StatusFailure extends RuntimeException {
		private static final long serialVersionUID = 1L;
		final transient IStatus status;

		StatusFailure(IStatus status) {
			super(status.getMessage());
			this.status = status;
		}
	}
}

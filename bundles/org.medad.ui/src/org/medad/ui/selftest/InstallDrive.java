package org.medad.ui.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Shell;
import org.medad.core.detect.DetectorCatalog;
import org.medad.install.DetectorInstaller;
import org.medad.ui.install.InstallDetectorsDialog;
import org.medad.ui.train.TrainPart;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The self-test's pass over Help > Install Detectors, across two restarts of the workbench, one step per timer
 * tick. Launch 1: load the update site in the dialog, check the feature, Install, Restart Now. Launch 2: see the new
 * detector in the Detectors view and in Train's detector list, then Uninstall it from the same dialog and restart.
 * Launch 3: see it gone. What each launch saw is kept in {@code DIR/install-state.json} between launches.
 */
final class InstallDrive {
	private static final long PATIENCE_NANOS = 300_000_000_000L;

	/** What the drive needs from the running workbench. */
	interface Workbench {
		Shell shell();

		void showPerspective(String id);

		TrainPart train();

		void restart();
	}

	private final Workbench workbench;
	private final DetectorInstaller installer;
	private final DetectorCatalog catalog;
	private final String site;
	private final String feature;
	private final Path dir;
	private final Path stateFile;
	private final Map<String, Object> report;
	private final int phase;
	private InstallDetectorsDialog dialog;
	private Map<String, Object> now;
	private int step;
	private long waitingSince;
	private boolean finished;

	@SuppressWarnings("unchecked")
	InstallDrive(Workbench workbench, DetectorInstaller installer, DetectorCatalog catalog, String site, String feature,
			Path dir) throws IOException {
		this.workbench = workbench;
		this.installer = installer;
		this.catalog = catalog;
		this.site = site;
		this.feature = feature;
		this.dir = dir;
		this.stateFile = dir.resolve("install-state.json");
		if (Files.isRegularFile(stateFile)) {
			Map<String, Object> state = new Gson().fromJson(Files.readString(stateFile), Map.class);
			phase = ((Number) state.get("phase")).intValue();
			report = (Map<String, Object>) state.get("report");
		} else {
			phase = 0;
			report = new LinkedHashMap<>();
		}
		now = new LinkedHashMap<>();
		now.put("pid", String.valueOf(ProcessHandle.current().pid()));
		report.put(List.of("install", "installed", "uninstalled").get(phase), now);
	}

	boolean finished() {
		return finished;
	}

	Map<String, Object> report() {
		return report;
	}

	void step() throws IOException {
		if (dialog != null && dialog.getShell() != null && dialog.busy()) {
			if (System.nanoTime() - waitingSince > PATIENCE_NANOS) {
				throw new IllegalStateException("p2 did not finish within 300 s: " + dialog.statusText());
			}
			return;
		}
		waitingSince = System.nanoTime();
		switch (phase) {
		case 0 -> install();
		case 1 -> uninstall();
		default -> check();
		}
		step++;
	}

	/** Launch 1. */
	private void install() throws IOException {
		switch (step) {
		case 0 -> {
			seen();
			openDialog();
		}
		case 1 -> loadSite();
		case 2 -> {
			checkFeature();
			now.put("restartEnabledBefore", dialog.enabled(InstallDetectorsDialog.RESTART));
			dialog.press(InstallDetectorsDialog.INSTALL);
		}
		case 3 -> restartAfter("install-dialog.png");
		default -> {
		}
		}
	}

	/** Launch 2. */
	private void uninstall() throws IOException {
		switch (step) {
		case 0 -> seen();
		case 1 -> {
			now.put("trainChoices", workbench.train().detectorChoices());
			SelfTestAddon.screenshot(workbench.shell().getDisplay(), workbench.shell(), dir.resolve(
					"installed-train.png"));
			openDialog();
		}
		case 2 -> loadSite();
		case 3 -> {
			checkFeature();
			dialog.press(InstallDetectorsDialog.UNINSTALL);
		}
		case 4 -> restartAfter("uninstall-dialog.png");
		default -> {
		}
		}
	}

	/** Launch 3. */
	private void check() {
		switch (step) {
		case 0 -> seen();
		case 1 -> {
			now.put("trainChoices", workbench.train().detectorChoices());
			finished = true;
		}
		default -> {
		}
		}
	}

	/** The detectors this launch has: the catalog and the Detectors view; then Train is shown for its list. */
	private void seen() {
		now.put("catalog", catalog.detectors().stream().map(d -> d.descriptor().id()).toList());
		now.put("detectorsTable", SelfTestAddon.visibleDetectors(workbench.shell()));
		workbench.showPerspective("org.medad.ui.perspective.train");
	}

	/** The sites the dialog offers, then the test's site typed and loaded. */
	private void loadSite() {
		now.put("knownSites", dialog.knownSites());
		dialog.typeSite(site);
		dialog.press(InstallDetectorsDialog.LOAD);
	}

	/** The site's rows as listed, then the feature checked and what that enables. */
	private void checkFeature() {
		now.put("rows", dialog.rows());
		now.put("loadStatus", dialog.statusText());
		dialog.check(feature);
		now.put("description", dialog.descriptionText());
		now.put("installEnabled", dialog.enabled(InstallDetectorsDialog.INSTALL));
		now.put("uninstallEnabled", dialog.enabled(InstallDetectorsDialog.UNINSTALL));
	}

	private void openDialog() {
		dialog = new InstallDetectorsDialog(workbench.shell(), installer, workbench::restart);
		dialog.setBlockOnOpen(false);
		dialog.open();
	}

	/** After Install or Uninstall: what the dialog says, a screenshot, then Restart Now (state saved first). */
	private void restartAfter(String screenshot) throws IOException {
		now.put("rowsAfter", dialog.rows());
		now.put("status", dialog.statusText());
		boolean restartOffered = dialog.enabled(InstallDetectorsDialog.RESTART);
		now.put("restartEnabled", restartOffered);
		SelfTestAddon.screenshot(dialog.getShell().getDisplay(), dialog.getShell(), dir.resolve(screenshot));
		if (!restartOffered) {
			throw new IllegalStateException("p2 did not complete: " + dialog.statusText());
		}
		Files.writeString(stateFile, new GsonBuilder().setPrettyPrinting().create().toJson(Map.of("phase", phase + 1,
				"report", report)));
		dialog.press(InstallDetectorsDialog.RESTART);
	}
}

package org.medad.ui.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.medad.core.detect.DetectorCatalog;
import org.medad.install.DetectorInstaller;
import org.medad.ui.train.TrainPart;
import org.osgi.service.event.Event;

import com.google.gson.GsonBuilder;

import jakarta.inject.Inject;

/**
 * Smoke test of the real workbench, driven from outside: with {@code -Dmedad.ui.selftest=DIR} the
 * application, once started, shows each perspective in turn, screenshots the window into
 * {@code DIR/perspective-<name>.png}, writes what it rendered (perspectives, detectors listed in the
 * visible table) to {@code DIR/selftest.json} and closes. Without the property it does nothing.
 */
public class SelfTestAddon {
	private static final String PROPERTY = "medad.ui.selftest";

	@Inject
	@Optional
	DetectorInstaller installer;

	@Inject
	@Optional
	public void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication app,
			EModelService models, EPartService parts, IWorkbench workbench, DetectorCatalog catalog) {
		String dir = System.getProperty(PROPERTY);
		if (dir == null) {
			return;
		}
		Display display = Display.getCurrent();
		String site = System.getProperty(PROPERTY + ".install.site");
		if (site != null) {
			installDrive(display, site, System.getProperty(PROPERTY + ".install.feature"), Path.of(dir), app, models,
					parts, workbench, catalog);
			return;
		}
		Map<String, Object> report = new LinkedHashMap<>();
		List<Map<String, Object>> shown = new ArrayList<>();
		report.put("perspectives", shown);
		report.put("catalog", catalog.detectors().stream().map(d -> d.descriptor().id()).toList());
		List<MPerspective> perspectives = models.findElements(app, null, MPerspective.class);
		String open = System.getProperty(PROPERTY + ".open");
		String map = System.getProperty(PROPERTY + ".map");
		String mask = System.getProperty(PROPERTY + ".mask");
		String results = System.getProperty(PROPERTY + ".results");
		String reviewModel = System.getProperty(PROPERTY + ".review.model");
		String series = System.getProperty(PROPERTY + ".review.series");
		String trainData = System.getProperty(PROPERTY + ".train.data");
		String evaluateModel = System.getProperty(PROPERTY + ".evaluate.model");
		display.timerExec(1500, new Runnable() {
			int next = 0;
			ReviewDrive review;
			TrainDrive train;
			EvaluateDrive evaluate;

			@Override
			public void run() {
				try {
					if (next == 1 && open != null && (review == null || !review.finished())) {
						if (review == null) { // the Review perspective is first: drive it before its screenshot
							var part = parts.findPart("org.medad.ui.part.review.guide");
							review = new ReviewDrive((org.medad.ui.review.ReviewPart) part.getObject(), Path.of(open),
									map == null ? null : Path.of(map), mask == null ? null : Path.of(mask),
									results == null ? null : Path.of(results), reviewModel == null ? null : Path.of(
											reviewModel), series == null ? null : Path.of(series), Path.of(dir));
						}
						review.step();
						display.timerExec(review.finished() ? 500 : 100, this);
						if (review.finished()) {
							report.put("review", review.report());
						}
						return;
					}
					if (next == 2 && trainData != null && (train == null || !train.finished())) {
						if (train == null) { // Train is second: train a tiny model through the form, then screenshot
							var part = parts.findPart("org.medad.ui.part.train.guide");
							train = new TrainDrive((org.medad.ui.train.TrainPart) part.getObject(), System.getProperty(
									PROPERTY + ".train.detector", "liverfreq"), Path.of(trainData), Path.of(System
											.getProperty(PROPERTY + ".train.out")), System.getProperty(PROPERTY
													+ ".train.set", ""));
						}
						train.step();
						display.timerExec(train.finished() ? 500 : 200, this);
						if (train.finished()) {
							report.put("train", train.report());
						}
						return;
					}
					if (next == 3 && evaluateModel != null && (evaluate == null || !evaluate.finished())) {
						MPerspective shownNow = perspectives.get(2);
						if (evaluate == null) { // Evaluate is third: evaluate, then open the top case in Review
							evaluate = new EvaluateDrive((org.medad.ui.evaluate.EvaluatePart) parts.findPart(
									"org.medad.ui.part.evaluate.guide").getObject(), (org.medad.ui.review.ReviewPart) ((org.eclipse.e4.ui.model.application.ui.basic.MPart) models
											.find("org.medad.ui.part.review.guide", app)).getObject(), Path.of(evaluateModel),
									Path.of(System.getProperty(PROPERTY + ".evaluate.data")), Path.of(dir));
						}
						evaluate.step(() -> parts.switchPerspective(shownNow));
						display.timerExec(evaluate.finished() ? 800 : 200, this);
						if (evaluate.finished()) {
							report.put("evaluate", evaluate.report());
						}
						return;
					}
					if (next > 0) { // the previous perspective has had time to render
						MPerspective p = perspectives.get(next - 1);
						Shell shell = display.getActiveShell() != null ? display.getActiveShell() : display.getShells()[0];
						Path png = Path.of(dir, "perspective-" + p.getLabel().toLowerCase() + ".png");
						screenshot(display, shell, png);
						Map<String, Object> entry = new LinkedHashMap<>();
						entry.put("id", p.getElementId());
						entry.put("label", p.getLabel());
						entry.put("selected", p.getParent().getSelectedElement() == p);
						entry.put("screenshot", png.toString());
						entry.put("detectorsListed", visibleDetectors(shell));
						shown.add(entry);
					}
					if (next < perspectives.size()) {
						parts.switchPerspective(perspectives.get(next++));
						display.timerExec(1000, this);
					} else {
						Files.writeString(Path.of(dir, "selftest.json"),
								new GsonBuilder().setPrettyPrinting().create().toJson(report));
						workbench.close();
					}
				} catch (IOException | RuntimeException e) {
					e.printStackTrace();
					workbench.close();
				}
			}
		});
	}

	/**
	 * With {@code .install.site} and {@code .install.feature}: Help > Install Detectors installs the feature, and
	 * after the restarts it asks for uninstalls it (see {@link InstallDrive}); the last launch writes selftest.json.
	 */
	private void installDrive(Display display, String site, String feature, Path dir, MApplication app,
			EModelService models, EPartService parts, IWorkbench workbench, DetectorCatalog catalog) {
		InstallDrive.Workbench bench = new InstallDrive.Workbench() {
			@Override
			public Shell shell() {
				MWindow window = app.getChildren().get(0);
				return (Shell) window.getWidget();
			}

			@Override
			public void showPerspective(String id) {
				if (models.find(id, app) instanceof MPerspective p) {
					parts.switchPerspective(p);
				}
			}

			@Override
			public TrainPart train() {
				return (TrainPart) ((MPart) models.find("org.medad.ui.part.train.guide", app)).getObject();
			}

			@Override
			public void restart() {
				workbench.restart();
			}
		};
		display.timerExec(1500, new Runnable() {
			InstallDrive drive;

			@Override
			public void run() {
				try {
					if (drive == null) {
						if (installer == null) {
							throw new IllegalStateException("no DetectorInstaller service (bundle org.medad.install)");
						}
						drive = new InstallDrive(bench, installer, catalog, site, feature, dir);
					}
					drive.step();
					if (drive.finished()) {
						write(dir, drive.report());
						workbench.close();
					} else {
						display.timerExec(200, this);
					}
				} catch (IOException | RuntimeException e) {
					e.printStackTrace();
					Map<String, Object> failed = new LinkedHashMap<>(drive == null ? Map.of() : drive.report());
					failed.put("error", String.valueOf(e));
					try {
						write(dir, failed);
					} catch (IOException io) {
						io.printStackTrace();
					}
					for (Shell s : display.getShells()) { // an error dialog left open would hold the close
						if (s != bench.shell()) {
							s.dispose();
						}
					}
					workbench.close();
				}
			}
		});
	}

	private static void write(Path dir, Map<String, Object> report) throws IOException {
		Files.writeString(dir.resolve("selftest.json"), new GsonBuilder().setPrettyPrinting().create().toJson(report));
	}

	static void screenshot(Display display, Shell shell, Path png) throws IOException {
		Files.createDirectories(png.getParent());
		Rectangle r = shell.getBounds();
		Image image = new Image(display, r.width, r.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, r.x, r.y);
			ImageLoader loader = new ImageLoader();
			loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
			loader.save(png.toString(), org.eclipse.swt.SWT.IMAGE_PNG);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}

	/** Detector ids in the detectors table of the visible perspective. */
	static List<String> visibleDetectors(Shell shell) {
		List<String> ids = new ArrayList<>();
		collect(shell, ids);
		return ids;
	}

	private static void collect(org.eclipse.swt.widgets.Control c, List<String> ids) {
		if (c instanceof Table t && "detectors".equals(t.getData("org.medad.ui.id")) && t.isVisible()) {
			for (TableItem item : t.getItems()) {
				ids.add(item.getText(0));
			}
		}
		if (c instanceof org.eclipse.swt.widgets.Composite comp) {
			for (var child : comp.getChildren()) {
				collect(child, ids);
			}
		}
	}
}

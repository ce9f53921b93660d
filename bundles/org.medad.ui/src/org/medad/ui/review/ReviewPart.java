package org.medad.ui.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Slider;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;
import org.medad.io.format.ImagePart;
import org.medad.run.ScoreResults;
import org.medad.run.Workflows;
import org.medad.ui.view.ReviewCase;
import org.medad.ui.view.SliceGeometry;
import org.medad.ui.view.ViewPlane;
import org.medad.ui.view.WindowPresets;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Review screen: a scan in three linked views (axial, coronal, sagittal; or one view, or the axial one large),
 * each with its slice slider, window/level presets, the heat-map overlay with its opacity and threshold, the data probe in the status
 * line. Files are read in a Job, never on the UI thread; a file that cannot be read gets a dialog naming it.
 */
public class ReviewPart {
	/** Layouts of the views. */
	static final String[] LAYOUTS = { "Three views", "One view", "1+3: axial large above the three" };

	@Inject
	ImageFormats formats;
	@Inject
	DetectorCatalog catalog;
	@Inject
	Workflows workflows;

	private Display display;
	private final List<SliceCanvas> views = new ArrayList<>();
	/** One slice slider under each view, showing and setting its slice. */
	private final java.util.Map<SliceCanvas, Slider> sliders = new java.util.LinkedHashMap<>();
	/** The large view of the 1+3 layout (the axial plane, above the three). */
	private SliceCanvas large;
	private SashForm stack;
	private Combo layoutChoice;
	/** The layout the user chose, kept for every volume opened (a 2D image shows in one view). */
	private int chosenLayout;
	private SashForm sash;
	private CaseList cases;
	private Combo presets;
	private Button overlayShown;
	private Scale opacity;
	private Scale threshold;
	private Label status;
	private ReviewCase review;
	private volatile double lastOpenSeconds = Double.NaN;
	/** The file or series folder the shown case was read from (what Score runs on). */
	private Path scanFile;
	private Button allListed;
	private Button cancelScoring;
	private Label runState;
	private volatile Job scoring;
	private Path lastModel;
	private volatile Path lastRun;
	private final RecentFiles recentFiles = new RecentFiles(org.medad.ui.Workspace.root().resolve("recent-files.txt"), 12);
	private Combo recent;
	private SeriesBrowser seriesBrowser;
	private volatile List<RecentFiles.Entry> recentEntries = List.of();

	@PostConstruct
	public void create(Composite parent) {
		display = parent.getDisplay();
		parent.setLayout(new GridLayout(1, false));
		Composite bar = new Composite(parent, SWT.NONE);
		RowLayout row = new RowLayout(SWT.HORIZONTAL);
		row.wrap = true;
		row.center = true;
		bar.setLayout(row);
		bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		bar.setData("org.medad.ui.id", "review-toolbar");
		Button open = new Button(bar, SWT.PUSH);
		open.setText("Open…");
		open.setData("org.medad.ui.id", "open");
		open.addListener(SWT.Selection, e -> ask("Open a scan", false));
		Button results = new Button(bar, SWT.PUSH);
		results.setText("Open results…");
		results.setData("org.medad.ui.id", "open-results");
		results.addListener(SWT.Selection, e -> {
			org.eclipse.swt.widgets.DirectoryDialog d = new org.eclipse.swt.widgets.DirectoryDialog(display
					.getActiveShell());
			d.setText("Open a score output folder (medad score --out)");
			String f = d.open();
			if (f != null) {
				openResults(Path.of(f));
			}
		});
		recent = new Combo(bar, SWT.READ_ONLY);
		recent.setData("org.medad.ui.id", "recent");
		recent.setToolTipText("Scans and result folders opened before");
		recent.setLayoutData(new org.eclipse.swt.layout.RowData(160, SWT.DEFAULT));
		recent.addListener(SWT.Selection, e -> {
			int i = recent.getSelectionIndex() - 1;
			List<RecentFiles.Entry> entries = recentEntries;
			if (i >= 0 && i < entries.size()) {
				RecentFiles.Entry entry = entries.get(i);
				if (entry.kind() == RecentFiles.Kind.RESULTS) {
					openResults(entry.path());
				} else {
					open(entry.path(), false);
				}
			}
			recent.select(0);
		});
		showRecent(List.of());
		Job.create("Reading the recent files", m -> {
			List<RecentFiles.Entry> entries = recentFiles.entries();
			display.asyncExec(() -> {
				if (!recent.isDisposed()) {
					showRecent(entries);
				}
			});
		}).schedule();
		Button openMap = new Button(bar, SWT.PUSH);
		openMap.setText("Open map…");
		openMap.addListener(SWT.Selection, e -> ask("Open an anomaly map on the scan's grid", true));
		Button openMask = new Button(bar, SWT.PUSH);
		openMask.setText("Open mask…");
		openMask.addListener(SWT.Selection, e -> {
			FileDialog d = new FileDialog(display.getActiveShell(), SWT.OPEN);
			d.setText("Open the ground-truth mask on the scan's grid");
			String f = d.open();
			if (f != null) {
				openMask(Path.of(f));
			}
		});
		Button score = new Button(bar, SWT.PUSH);
		score.setText("Score with model…");
		score.setData("org.medad.ui.id", "score");
		score.setToolTipText("Run a model package on the open case (or on every listed case) in the background");
		score.addListener(SWT.Selection, e -> {
			org.eclipse.swt.widgets.DirectoryDialog d = new org.eclipse.swt.widgets.DirectoryDialog(display
					.getActiveShell());
			d.setText("Choose a model package (medad train --out)");
			if (lastModel != null) {
				d.setFilterPath(lastModel.toString());
			}
			String f = d.open();
			if (f != null) {
				score(Path.of(f), allListed.getSelection());
			}
		});
		allListed = new Button(bar, SWT.CHECK);
		allListed.setText("all listed cases");
		allListed.setEnabled(false);
		cancelScoring = new Button(bar, SWT.PUSH);
		cancelScoring.setText("Cancel");
		cancelScoring.setEnabled(false);
		cancelScoring.addListener(SWT.Selection, e -> {
			Job j = scoring;
			if (j != null) {
				j.cancel();
				runState.setText("Cancelling…");
			}
		});
		runState = new Label(bar, SWT.NONE);
		runState.setLayoutData(new org.eclipse.swt.layout.RowData(280, SWT.DEFAULT));
		Button saveMap = new Button(bar, SWT.PUSH);
		saveMap.setText("Save map…");
		saveMap.setData("org.medad.ui.id", "save-map");
		saveMap.addListener(SWT.Selection, e -> {
			FileDialog d = new FileDialog(display.getActiveShell(), SWT.SAVE);
			d.setText("Save the anomaly map (on the scan's geometry)");
			d.setFilterExtensions(new String[] { "*.nii.gz", "*.nrrd", "*.mha", "*.tiff", "*.png" });
			d.setFilterNames(new String[] { "NIfTI", "NRRD", "MetaImage", "TIFF (2D, values)",
					"PNG (2D, heat map over the scan)" });
			d.setOverwrite(true);
			String f = d.open();
			if (f != null) {
				saveMap(Path.of(f));
			}
		});
		Button toMax = new Button(bar, SWT.PUSH);
		toMax.setText("Go to maximum");
		toMax.addListener(SWT.Selection, e -> {
			if (review != null) {
				review.jumpToMaximum();
			}
		});
		layoutChoice = new Combo(bar, SWT.READ_ONLY);
		layoutChoice.setItems(LAYOUTS);
		layoutChoice.select(0);
		layoutChoice.setData("org.medad.ui.id", "layout");
		layoutChoice.addListener(SWT.Selection, e -> {
			chosenLayout = layoutChoice.getSelectionIndex();
			layout(chosenLayout);
		});
		presets = new Combo(bar, SWT.READ_ONLY);
		presets.setData("org.medad.ui.id", "presets");
		List<String> names = new ArrayList<>(List.of("Window: file / auto"));
		WindowPresets.CT.forEach(p -> names.add(p.toString()));
		presets.setItems(names.toArray(String[]::new));
		presets.select(0);
		presets.addListener(SWT.Selection, e -> preset(presets.getSelectionIndex()));
		overlayShown = new Button(bar, SWT.CHECK);
		overlayShown.setText("Heat map");
		overlayShown.setSelection(true);
		overlayShown.addListener(SWT.Selection, e -> {
			if (review != null) {
				review.showOverlay(overlayShown.getSelection());
			}
		});
		new Label(bar, SWT.NONE).setText("Opacity");
		opacity = new Scale(bar, SWT.HORIZONTAL);
		opacity.setMaximum(100);
		opacity.setSelection(50);
		opacity.addListener(SWT.Selection, e -> {
			if (review != null && review.overlay() != null) {
				review.setOverlay(review.overlay().withOpacity(opacity.getSelection() / 100.0));
			}
		});
		new Label(bar, SWT.NONE).setText("Threshold");
		threshold = new Scale(bar, SWT.HORIZONTAL);
		threshold.setMaximum(1000);
		threshold.setData("org.medad.ui.id", "threshold");
		threshold.addListener(SWT.Selection, e -> {
			if (review != null && review.overlay() != null) {
				var o = review.overlay();
				review.setOverlay(o.withThreshold(o.low() + (o.high() - o.low()) * threshold.getSelection() / 1000.0));
			}
		});
		SashForm outer = new SashForm(parent, SWT.HORIZONTAL);
		outer.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		cases = new CaseList(outer, this::openCase);
		// the views: a large one above (the 1+3 layout only) and the three planes side by side
		stack = new SashForm(outer, SWT.VERTICAL);
		outer.setWeights(new int[] { 1, 4 });
		large = view(stack, ViewPlane.AXIAL);
		sash = new SashForm(stack, SWT.HORIZONTAL);
		stack.setWeights(new int[] { 2, 1 });
		for (ViewPlane p : ViewPlane.values()) {
			views.add(view(sash, p));
		}
		large.getParent().setVisible(false);
		dropFiles(parent);
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
		status.setData("org.medad.ui.id", "probe");
		status.setText("Open a scan (a file, or a DICOM series folder) to review it");
	}

	/** A slice view with its slice slider under it, in a cell of {@code parent}. */
	private SliceCanvas view(Composite parent, ViewPlane p) {
		Composite cell = new Composite(parent, SWT.NONE);
		GridLayout grid = new GridLayout(1, false);
		grid.marginWidth = 0;
		grid.marginHeight = 0;
		grid.verticalSpacing = 2;
		cell.setLayout(grid);
		SliceCanvas c = new SliceCanvas(cell, p);
		c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		c.addListener(SWT.Selection, e -> probe((long[]) e.data));
		Slider slider = new Slider(cell, SWT.HORIZONTAL);
		slider.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
		slider.setData("org.medad.ui.id", "slider-" + p.name().toLowerCase());
		slider.setEnabled(false);
		slider.addListener(SWT.Selection, e -> {
			if (review != null) {
				review.scroll(p, slider.getSelection() - c.slice());
			}
		});
		sliders.put(c, slider);
		return c;
	}

	/**
	 * Files and folders dropped onto the Review screen open as a user opening them would: a score output folder
	 * (it holds scores.csv) as the case list, anything else as a scan (a DICOM series folder included).
	 */
	private void dropFiles(Composite target) {
		org.eclipse.swt.dnd.DropTarget drop = new org.eclipse.swt.dnd.DropTarget(target, org.eclipse.swt.dnd.DND.DROP_COPY
				| org.eclipse.swt.dnd.DND.DROP_DEFAULT | org.eclipse.swt.dnd.DND.DROP_LINK);
		drop.setTransfer(org.eclipse.swt.dnd.FileTransfer.getInstance());
		drop.addDropListener(new org.eclipse.swt.dnd.DropTargetAdapter() {
			@Override
			public void dragEnter(org.eclipse.swt.dnd.DropTargetEvent e) {
				if (e.detail == org.eclipse.swt.dnd.DND.DROP_DEFAULT) {
					e.detail = org.eclipse.swt.dnd.DND.DROP_COPY;
				}
			}

			@Override
			public void drop(org.eclipse.swt.dnd.DropTargetEvent e) {
				if (e.data instanceof String[] files && files.length > 0) {
					openDropped(Path.of(files[0]));
				}
			}
		});
	}

	/** What a drop (or the self-test) opens: results folders as the case list, the rest as a scan. */
	public Job openDropped(Path file) {
		return java.nio.file.Files.isRegularFile(file.resolve("scores.csv")) ? openResults(file) : open(file, false);
	}

	/** The recent entries as listed (the first item is the combo's title). */
	public List<String> recentShown() {
		return List.of(recent.getItems()).subList(1, recent.getItemCount());
	}

	/** In a Job: the file put first in the recent list; the list as it was where it cannot be written. */
	private List<RecentFiles.Entry> remember(RecentFiles.Kind kind, Path file) {
		try {
			return recentFiles.add(kind, file);
		} catch (java.io.IOException e) {
			return recentEntries; // the list is a convenience: a read-only workspace must not stop the review
		}
	}

	private void showRecent(List<RecentFiles.Entry> entries) {
		recentEntries = List.copyOf(entries);
		recent.removeAll();
		recent.add("Recent…");
		entries.forEach(en -> recent.add(en.label()));
		recent.select(0);
	}

	/** The views, axial, coronal and sagittal (the self-test drives them). */
	public List<SliceCanvas> views() {
		return views;
	}

	public ReviewCase review() {
		return review;
	}

	/** Seconds from asking to open the last file to its views shown (the responsiveness benchmark reads it). */
	public double lastOpenSeconds() {
		return lastOpenSeconds;
	}

	/** What a background read hands to the UI thread. */
	private interface Read {
		Runnable run() throws Exception;
	}

	/**
	 * Runs {@code read} in a user Job (files are never read on the UI thread) and then what it returns on the UI
	 * thread; a failure in either becomes a dialog naming {@code file}, and the Job ends quietly (reported once).
	 */
	private Job inBackground(String name, Path file, Read read) {
		Job job = Job.create(name, monitor -> {
			try {
				Runnable then = read.run();
				display.asyncExec(() -> {
					try {
						then.run();
					} catch (RuntimeException e) {
						problem(file, e);
					}
				});
				return Status.OK_STATUS;
			} catch (Exception e) {
				display.asyncExec(() -> problem(file, e));
				return Status.CANCEL_STATUS;
			}
		});
		job.setUser(true);
		job.schedule();
		return job;
	}

	/** A case sent from Evaluate ({@code [scan, map or null]}): the scan, then its map over it. */
	@Inject
	@org.eclipse.e4.core.di.annotations.Optional
	void openCase(@org.eclipse.e4.ui.di.UIEventTopic(org.medad.ui.evaluate.EvaluatePart.REVIEW_TOPIC) Path[] c) {
		Job scan = open(c[0], false);
		if (c.length > 1 && c[1] != null) {
			scan.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
				@Override
				public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent e) {
					display.asyncExec(() -> open(c[1], true));
				}
			});
		}
		lastCaseSent = c[0];
	}

	private volatile Path lastCaseSent;

	/** The scan Evaluate last sent (the self-test checks the double-click reached Review). */
	public Path lastCaseSent() {
		return lastCaseSent;
	}

	/**
	 * Scores the open case, or with {@code allListed} every case of the list, with the model package in a Job; the
	 * results then open as the case list (scores, predicted labels) with the most anomalous case and its map shown.
	 */
	public Job score(Path model, boolean allListed) {
		List<Path> inputs = allListed ? cases.shownImages() : scanFile == null ? List.of() : List.of(scanFile);
		if (inputs.isEmpty() || scoring != null) {
			runState.setText(scoring != null ? "A scoring run is under way" : "Open a scan (or a case list) first");
			return null;
		}
		lastModel = model;
		Path out = ReviewScoring.outputFor(model);
		runState.setText("Scoring " + inputs.size() + " case(s)…");
		cancelScoring.setEnabled(true);
		Consumer<String> log = line -> display.asyncExec(() -> {
			if (!runState.isDisposed() && scoring != null) {
				runState.setText(line);
			}
		});
		scoring = ReviewScoring.start(catalog, workflows, model, inputs, out, log, new ReviewScoring.Outcome() {
			@Override
			public void scored(Path folder, int failed) {
				display.asyncExec(() -> {
					finishScoring(folder, failed == 0 ? "Scored " + inputs.size() + " case(s): " + folder
							: failed + " of " + inputs.size() + " case(s) failed: see errors.csv in " + folder);
					openResults(folder);
				});
			}

			@Override
			public void failed(Exception e) {
				display.asyncExec(() -> {
					if (e instanceof org.medad.core.error.CancelledException) {
						finishScoring(null, "Scoring cancelled; the cases done are kept in " + out);
					} else {
						finishScoring(null, "Scoring failed: " + org.medad.ui.jobs.Problems.reason(e));
						org.medad.ui.jobs.Problems.show(display.getActiveShell(), "Cannot score with "
								+ model.getFileName(), model.toString(), e);
					}
				});
			}
		});
		return scoring;
	}

	private void finishScoring(Path folder, String message) {
		scoring = null;
		lastRun = folder;
		if (!runState.isDisposed()) {
			runState.setText(message);
			runState.setToolTipText(message);
			cancelScoring.setEnabled(false);
		}
	}

	/** Whether a scoring run is under way; the output folder of the last one that finished. */
	public boolean scoring() {
		return scoring != null;
	}

	public Path lastRun() {
		return lastRun;
	}

	/** Writes the map shown over the case in a Job: on the scan's geometry, in the format of the name's suffix. */
	public Job saveMap(Path file) {
		ReviewCase c = review;
		return inBackground("Saving the map to " + file.getFileName(), file, () -> {
			MapExport.write(c, file, formats);
			return () -> runState.setText("Map saved to " + file);
		});
	}

	/**
	 * Reads {@code file} in a Job and shows it; a map is laid over the open scan instead. A folder of several DICOM
	 * series first shows the series browser, and the series chosen there opens.
	 */
	public Job open(Path file, boolean asMap) {
		return open(file, asMap, null);
	}

	private Job open(Path file, boolean asMap, String series) {
		return inBackground((asMap ? "Reading the map " : "Opening ") + file.getFileName(), file, () -> {
			long t0 = System.nanoTime();
			// a file, or a DICOM series folder (with several, the series chosen)
			Volume v;
			try {
				v = series == null ? formats.read(file) : formats.formatOf(file).read(file, series);
			} catch (org.medad.core.error.BadInputException e) {
				// a folder of several series is refused by the read: list them for the browser (headers are read
				// again only in that case, so the usual one-series folder is listed once)
				List<ImagePart> parts = asMap || series != null || !java.nio.file.Files.isDirectory(file) ? List.of()
						: formats.formatOf(file).parts(file);
				if (parts.size() > 1) {
					return () -> browse(file, parts);
				}
				throw e;
			}
			// the passes over every voxel (the initial window, the map's maximum) stay in this Job
			ReviewCase loaded = asMap ? null : new ReviewCase(v);
			ReviewCase.MapLayer layer = asMap ? ReviewCase.MapLayer.of(v) : null;
			Double calibrated = asMap ? ScoreOutputs.pixelThreshold(file) : null;
			List<RecentFiles.Entry> listed = asMap ? null : remember(RecentFiles.Kind.SCAN, file);
			return () -> {
				if (asMap) {
					showMap(layer, calibrated, file);
				} else {
					show(loaded);
					scanFile = file;
					showRecent(listed);
				}
				lastOpenSeconds = (System.nanoTime() - t0) / 1e9;
			};
		});
	}

	private void browse(Path folder, List<ImagePart> parts) {
		seriesBrowser = new SeriesBrowser(views.get(0).getShell(), folder, parts, p -> open(folder, false, p.id()));
		seriesBrowser.open();
	}

	/** The series browser last shown, while it is open (the self-test chooses in it); else null. */
	public SeriesBrowser seriesBrowser() {
		return seriesBrowser == null || seriesBrowser.getShell() == null ? null : seriesBrowser;
	}

	/** Lists a score output folder's cases (read in a Job) beside the views, and opens the most anomalous. */
	public Job openResults(Path folder) {
		return inBackground("Reading the results in " + folder.getFileName(), folder, () -> {
			List<ScoreResults.Case> read = ScoreResults.read(folder);
			List<RecentFiles.Entry> listed = remember(RecentFiles.Kind.RESULTS, folder);
			return () -> {
				cases.show(read);
				allListed.setEnabled(!read.isEmpty());
				showRecent(listed);
				if (!read.isEmpty()) {
					cases.select(0);
				}
			};
		});
	}

	/** The case ids listed, in their order (the self-test reads them). */
	public List<String> listedCases() {
		return cases.shownIds();
	}

	/** The case list's rows as shown: case, label, score, predicted. */
	public List<List<String>> listedRows() {
		return cases.shownRows();
	}

	/** The scores listed, in the list's order. */
	public List<Double> listedScores() {
		return cases.shownScores();
	}

	/** A scored case: its scan, map and mask read together in one Job, then shown at once. */
	void openCase(ScoreResults.Case c) {
		if (c.image() == null) {
			problem(Path.of(c.id()), new IllegalStateException("the run's inputs are not where its run.json says"
					+ " (moved, or a run of an older version): open the scan with Open…"));
			return;
		}
		inBackground("Opening " + c.id(), c.image(), () -> {
			long t0 = System.nanoTime();
			ReviewCase loaded = new ReviewCase(formats.read(c.image()));
			ReviewCase.MapLayer layer = c.map() == null ? null : ReviewCase.MapLayer.of(formats.read(c.map()));
			Double calibrated = c.map() == null ? null : ScoreOutputs.pixelThreshold(c.map());
			Volume mask = c.mask() == null ? null : formats.read(c.mask());
			return () -> {
				show(loaded);
				scanFile = c.image();
				if (layer != null) {
					showMap(layer, calibrated, c.map());
				}
				if (mask != null) {
					try {
						loaded.showMask(mask);
					} catch (IllegalArgumentException e) {
						problem(c.mask(), e);
					}
				}
				if (layer != null) {
					loaded.jumpToMaximum();
				}
				lastOpenSeconds = (System.nanoTime() - t0) / 1e9;
			};
		});
	}

	/** Reads a ground-truth mask in a Job and outlines it over the open scan. */
	public Job openMask(Path file) {
		return inBackground("Reading the mask " + file.getFileName(), file, () -> {
			Volume v = formats.read(file);
			return () -> {
				if (review == null) {
					throw new IllegalStateException("open a scan first, then its mask");
				}
				review.showMask(v);
			};
		});
	}

	private void ask(String title, boolean asMap) {
		FileDialog d = new FileDialog(display.getActiveShell(), SWT.OPEN);
		d.setText(title);
		String f = d.open();
		if (f != null) {
			open(Path.of(f), asMap);
		}
	}

	private void show(ReviewCase c) {
		review = c;
		c.addListener(x -> {
			if (x != review) {
				return; // a case replaced since
			}
			sliders.keySet().forEach(SliceCanvas::redraw);
			sliders();
			probe(x.crosshair());
		});
		sliders.keySet().forEach(v -> v.show(c));
		sliders();
		layout(c.isVolume() ? chosenLayout : 1);
		presets.select(0);
		probe(c.crosshair());
	}

	/** @param calibrated the model's pixel threshold when the map's score output names it (the default), or null */
	private void showMap(ReviewCase.MapLayer map, Double calibrated, Path file) {
		if (review == null) {
			problem(file, new IllegalStateException("open a scan first, then its map"));
			return;
		}
		try {
			review.showMap(map, calibrated);
			var o = review.overlay();
			threshold.setSelection((int) Math.round(1000 * Math.max(0, Math.min(1, (o.threshold() - o.low()) / (o
					.high() - o.low())))));
			opacity.setSelection((int) Math.round(100 * o.opacity()));
			overlayShown.setSelection(true);
			review.showOverlay(true);
		} catch (IllegalArgumentException e) {
			problem(file, e);
		}
	}

	private void sliders() {
		sliders.forEach((view, slider) -> {
			int n = (int) review.geometry(view.plane()).slices();
			int slice = (int) view.slice();
			// set only what changed: while one view scrolls the others' sliders stay put (each set costs GTK work)
			if (slider.getMaximum() != n) {
				slider.setValues(slice, 0, n, 1, 1, Math.max(1, n / 10));
				slider.setEnabled(n > 1);
			} else if (slider.getSelection() != slice) {
				slider.setSelection(slice);
			}
		});
	}

	/** As the layout list does: 0 the three planes side by side, 1 the axial view alone, 2 (1+3) axial large above. */
	public void chooseLayout(int which) {
		chosenLayout = which;
		layout(which);
	}

	private void layout(int which) {
		for (int i = 0; i < views.size(); i++) {
			views.get(i).getParent().setVisible(which != 1 || i == 0);
		}
		large.getParent().setVisible(which == 2);
		layoutChoice.select(which);
		sash.setWeights(which == 1 ? new int[] { 1, 0, 0 } : new int[] { 1, 1, 1 });
		stack.layout(true);
		sash.layout(true);
		sliders.keySet().forEach(SliceCanvas::redraw);
	}

	/** The large view of the 1+3 layout (shown only in it). */
	public SliceCanvas largeView() {
		return large;
	}

	private void preset(int index) {
		if (review == null) {
			return;
		}
		review.setWindow(index == 0 ? review.initialWindow() : WindowPresets.CT.get(index - 1).window());
	}

	private void probe(long[] voxel) {
		if (review == null || voxel == null || status.isDisposed()) {
			return;
		}
		SliceGeometry g = review.geometry(ViewPlane.AXIAL);
		double[] mm = g.ras(voxel);
		double[] v = review.probe(voxel);
		status.setText(String.format(Locale.ROOT, "voxel (%d, %d, %d)   RAS (%.1f, %.1f, %.1f) mm   value %.4g%s   %s",
				voxel[0], voxel[1], voxel[2], mm[0], mm[1], mm[2], v[0], Double.isNaN(v[1]) ? "" : String.format(
						Locale.ROOT, "   map %.4g", v[1]), review.window()));
	}

	private void problem(Path file, Exception e) {
		org.medad.ui.jobs.Problems.show(display.getActiveShell(), "Cannot open " + file.getFileName(), file.toString(),
				e);
	}
}

package org.medad.ui.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;
import org.medad.run.ScoreResults;
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
	static final String[] LAYOUTS = { "Three views", "One view", "Axial large, coronal and sagittal small" };

	@Inject
	ImageFormats formats;

	private Display display;
	private final List<SliceCanvas> views = new ArrayList<>();
	/** One slice slider under each view, showing and setting its slice. */
	private final List<Slider> sliders = new ArrayList<>();
	private SashForm sash;
	private CaseList cases;
	private Combo presets;
	private Button overlayShown;
	private Scale opacity;
	private Scale threshold;
	private Label status;
	private ReviewCase review;
	private volatile double lastOpenSeconds = Double.NaN;

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
		Button toMax = new Button(bar, SWT.PUSH);
		toMax.setText("Go to maximum");
		toMax.addListener(SWT.Selection, e -> {
			if (review != null) {
				review.jumpToMaximum();
			}
		});
		Combo layout = new Combo(bar, SWT.READ_ONLY);
		layout.setItems(LAYOUTS);
		layout.select(0);
		layout.setData("org.medad.ui.id", "layout");
		layout.addListener(SWT.Selection, e -> layout(layout.getSelectionIndex()));
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
		sash = new SashForm(outer, SWT.HORIZONTAL);
		outer.setWeights(new int[] { 1, 4 });
		for (ViewPlane p : ViewPlane.values()) {
			Composite cell = new Composite(sash, SWT.NONE);
			GridLayout grid = new GridLayout(1, false);
			grid.marginWidth = 0;
			grid.marginHeight = 0;
			grid.verticalSpacing = 2;
			cell.setLayout(grid);
			SliceCanvas c = new SliceCanvas(cell, p);
			c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
			c.addListener(SWT.Selection, e -> probe((long[]) e.data));
			views.add(c);
			Slider slider = new Slider(cell, SWT.HORIZONTAL);
			slider.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
			slider.setData("org.medad.ui.id", "slider-" + p.name().toLowerCase());
			slider.setEnabled(false);
			slider.addListener(SWT.Selection, e -> {
				if (review != null) {
					review.scroll(p, slider.getSelection() - c.slice());
				}
			});
			sliders.add(slider);
		}
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
		status.setData("org.medad.ui.id", "probe");
		status.setText("Open a scan (a file, or a DICOM series folder) to review it");
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

	/** Reads {@code file} in a Job and shows it; a map is laid over the open scan instead. */
	public Job open(Path file, boolean asMap) {
		return inBackground((asMap ? "Reading the map " : "Opening ") + file.getFileName(), file, () -> {
			long t0 = System.nanoTime();
			Volume v = formats.read(file); // a file, or a DICOM series folder
			// the passes over every voxel (the initial window, the map's maximum) stay in this Job
			ReviewCase loaded = asMap ? null : new ReviewCase(v);
			ReviewCase.MapLayer layer = asMap ? ReviewCase.MapLayer.of(v) : null;
			Double calibrated = asMap ? ScoreOutputs.pixelThreshold(file) : null;
			return () -> {
				if (asMap) {
					showMap(layer, calibrated, file);
				} else {
					show(loaded);
				}
				lastOpenSeconds = (System.nanoTime() - t0) / 1e9;
			};
		});
	}

	/** Lists a score output folder's cases (read in a Job) beside the views, and opens the most anomalous. */
	public Job openResults(Path folder) {
		return inBackground("Reading the results in " + folder.getFileName(), folder, () -> {
			List<ScoreResults.Case> read = ScoreResults.read(folder);
			return () -> {
				cases.show(read);
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
			views.forEach(SliceCanvas::redraw);
			sliders();
			probe(x.crosshair());
		});
		views.forEach(v -> v.show(c));
		sliders();
		layout(c.isVolume() ? 0 : 1);
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
		for (int i = 0; i < views.size(); i++) {
			long n = review.geometry(views.get(i).plane()).slices();
			sliders.get(i).setValues((int) views.get(i).slice(), 0, (int) n, 1, 1, (int) Math.max(1, n / 10));
			sliders.get(i).setEnabled(n > 1);
		}
	}

	private void layout(int which) {
		for (int i = 0; i < views.size(); i++) {
			views.get(i).getParent().setVisible(which != 1 || i == 0);
		}
		sash.setWeights(which == 2 ? new int[] { 3, 1, 1 } : which == 1 ? new int[] { 1, 0, 0 } : new int[] { 1, 1, 1 });
		sash.layout(true);
		views.forEach(SliceCanvas::redraw);
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

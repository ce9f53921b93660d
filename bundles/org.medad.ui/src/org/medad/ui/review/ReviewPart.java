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
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.Scale;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;
import org.medad.ui.view.ReviewCase;
import org.medad.ui.view.SliceGeometry;
import org.medad.ui.view.ViewPlane;
import org.medad.ui.view.WindowPresets;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Review screen: a scan in three linked views (axial, coronal, sagittal; or one view, or one large and three
 * small), window/level presets, the heat-map overlay with its opacity and threshold, the data probe in the status
 * line. Files are read in a Job, never on the UI thread; a file that cannot be read gets a dialog naming it.
 */
public class ReviewPart {
	/** Layouts of the views, as 3D Slicer names them. */
	static final String[] LAYOUTS = { "Three views", "One view", "One large, three small" };

	@Inject
	ImageFormats formats;

	private Display display;
	private final List<SliceCanvas> views = new ArrayList<>();
	private SashForm sash;
	private SliceCanvas large;
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
		sash = new SashForm(parent, SWT.HORIZONTAL);
		sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		for (ViewPlane p : ViewPlane.values()) {
			SliceCanvas c = new SliceCanvas(sash, p);
			c.addListener(SWT.Selection, e -> probe((long[]) e.data));
			views.add(c);
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

	/** Reads {@code file} in a Job and shows it; a map is laid over the open scan instead. */
	public Job open(Path file, boolean asMap) {
		Job job = Job.create((asMap ? "Reading the map " : "Opening ") + file.getFileName(), monitor -> {
			try {
				long t0 = System.nanoTime();
				Volume v = formats.read(file); // a file, or a DICOM series folder
				// the passes over every voxel (the initial window, the map's maximum) stay in this Job
				ReviewCase loaded = asMap ? null : new ReviewCase(v);
				ReviewCase.MapLayer layer = asMap ? ReviewCase.MapLayer.of(v) : null;
				display.asyncExec(() -> {
					if (asMap) {
						showMap(layer, file);
					} else {
						show(loaded);
					}
					lastOpenSeconds = (System.nanoTime() - t0) / 1e9;
				});
				return Status.OK_STATUS;
			} catch (Exception e) {
				display.asyncExec(() -> problem(file, e));
				return Status.CANCEL_STATUS; // reported in the dialog, not again by the job framework
			}
		});
		job.setUser(true);
		job.schedule();
		return job;
	}

	/** Reads a ground-truth mask in a Job and outlines it over the open scan. */
	public Job openMask(Path file) {
		Job job = Job.create("Reading the mask " + file.getFileName(), monitor -> {
			try {
				Volume v = formats.read(file);
				display.asyncExec(() -> {
					try {
						if (review == null) {
							throw new IllegalStateException("open a scan first, then its mask");
						}
						review.showMask(v);
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
			views.forEach(SliceCanvas::redraw);
			probe(x.crosshair());
		});
		views.forEach(v -> v.show(c));
		layout(c.isVolume() ? 0 : 1);
		presets.select(0);
		probe(c.crosshair());
	}

	private void showMap(ReviewCase.MapLayer map, Path file) {
		if (review == null) {
			problem(file, new IllegalStateException("open a scan first, then its map"));
			return;
		}
		try {
			review.showMap(map, null);
		} catch (IllegalArgumentException e) {
			problem(file, e);
		}
	}

	private void layout(int which) {
		for (int i = 0; i < views.size(); i++) {
			views.get(i).setVisible(which != 1 || i == 0);
		}
		sash.setWeights(which == 2 ? new int[] { 3, 1, 1 } : which == 1 ? new int[] { 1, 0, 0 } : new int[] { 1, 1, 1 });
		large = views.get(0);
		sash.layout(true);
		views.forEach(SliceCanvas::redraw);
	}

	private void preset(int index) {
		if (review == null) {
			return;
		}
		review.setWindow(index == 0 ? WindowPresets.initial(review.metadata(), new float[0])
				: WindowPresets.CT.get(index - 1).window());
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
		MessageBox box = new MessageBox(display.getActiveShell(), SWT.ICON_ERROR | SWT.OK);
		box.setText("Cannot open " + file.getFileName());
		box.setMessage(file + "\n\n" + (e.getMessage() == null ? e.toString() : e.getMessage()));
		box.open();
	}

	SliceCanvas large() {
		return large;
	}
}

package org.medad.ui.evaluate;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.LineStyle;
import org.medad.core.detect.DetectorCatalog;
import org.medad.io.dataset.Case;
import org.medad.io.dataset.Datasets;
import org.medad.metrics.Curve;
import org.medad.report.CaseGallery;
import org.medad.run.Evaluation;
import org.medad.run.MapWriter;
import org.medad.run.ModelLoader;
import org.medad.run.Workflows;
import org.medad.ui.jobs.JobProgress;
import org.medad.ui.jobs.Problems;
import org.medad.ui.train.TrainPart;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Evaluate screen: a model package and a labelled data set evaluated in a Job through the same workflow as
 * {@code medad evaluate}; the metrics table, ROC and PR curves and the score histogram per class with the threshold;
 * the most anomalous cases, the missed lesions and the false alarms as thumbnails (a double-click opens the case in
 * Review with its map). Each evaluation is added beside the earlier ones, so two models compare on the same data.
 */
public class EvaluatePart {
	/** Event carrying a case to open in Review: {@code [scan, map or null]}. */
	public static final String REVIEW_TOPIC = "org/medad/ui/review/case";

	@Inject
	DetectorCatalog catalog;
	@Inject
	Workflows workflows;
	@Inject
	@Optional
	org.eclipse.e4.core.services.events.IEventBroker events;
	@Inject
	@Optional
	org.eclipse.e4.ui.model.application.MApplication app;
	@Inject
	@Optional
	org.eclipse.e4.ui.workbench.modeling.EModelService models;
	@Inject
	@Optional
	org.eclipse.e4.ui.workbench.modeling.EPartService parts;

	/** One evaluation shown. */
	public record Run(String name, Map<String, Object> metrics, Curve image, double[] normal, double[] anomalous,
			Double threshold, CaseGallery gallery, Map<String, Path> scans, Path out) {
	}

	private Display display;
	private Text model;
	private Text data;
	private Combo split;
	private Button evaluate;
	private Label state;
	private Table metrics;
	private Chart roc;
	private Chart pr;
	private Chart histogram;
	private Composite gallery;
	private final List<Run> runs = new ArrayList<>();
	private final List<Color> colours = new ArrayList<>();
	private final List<Image> thumbnails = new ArrayList<>();
	private volatile Job running;

	@PostConstruct
	public void create(Composite parent) {
		display = parent.getDisplay();
		parent.setLayout(new GridLayout(1, false));
		Composite bar = new Composite(parent, SWT.NONE);
		bar.setLayout(new GridLayout(8, false));
		bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		model = field(bar, "Model");
		data = field(bar, "Data set");
		split = new Combo(bar, SWT.READ_ONLY);
		split.setItems("test", "valid");
		split.select(0);
		evaluate = new Button(bar, SWT.PUSH);
		evaluate.setText("Evaluate");
		evaluate.setData("org.medad.ui.id", "evaluate");
		evaluate.addListener(SWT.Selection, e -> evaluate(Path.of(model.getText().trim()), Path.of(data.getText()
				.trim()), split.getText()));
		Button clear = new Button(bar, SWT.PUSH);
		clear.setText("Clear");
		clear.addListener(SWT.Selection, e -> {
			runs.clear();
			show();
		});
		state = new Label(parent, SWT.WRAP);
		state.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		SashForm body = new SashForm(parent, SWT.VERTICAL);
		body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		Composite top = new Composite(body, SWT.NONE);
		top.setLayout(new FillLayout());
		metrics = new Table(top, SWT.BORDER | SWT.FULL_SELECTION);
		metrics.setHeaderVisible(true);
		metrics.setLinesVisible(true);
		metrics.setData("org.medad.ui.id", "metrics");
		roc = chart(top, "ROC", "false positive rate", "true positive rate");
		pr = chart(top, "Precision-recall", "recall", "precision");
		histogram = chart(top, "Image scores", "score", "cases");
		gallery = new Composite(body, SWT.NONE);
		gallery.setLayout(new RowLayout(SWT.HORIZONTAL));
		gallery.setData("org.medad.ui.id", "gallery");
		body.setWeights(70, 30);
		parent.addDisposeListener(e -> {
			colours.forEach(Color::dispose);
			thumbnails.forEach(Image::dispose);
		});
		for (int i = 0; i < 4; i++) {
			int[] c = org.medad.ui.view.Palette.rgb(i);
			colours.add(new Color(c[0], c[1], c[2]));
		}
	}

	private static Text field(Composite bar, String name) {
		new Label(bar, SWT.NONE).setText(name);
		Text t = new Text(bar, SWT.BORDER);
		t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		t.setData("org.medad.ui.id", name.toLowerCase().replace(' ', '-'));
		Button b = new Button(bar, SWT.PUSH);
		b.setText("…");
		b.addListener(SWT.Selection, e -> {
			String f = new DirectoryDialog(bar.getShell()).open();
			if (f != null) {
				t.setText(f);
			}
		});
		return t;
	}

	private static Chart chart(Composite parent, String title, String x, String y) {
		Chart c = new Chart(parent, SWT.NONE);
		c.getTitle().setText(title);
		c.getAxisSet().getXAxis(0).getTitle().setText(x);
		c.getAxisSet().getYAxis(0).getTitle().setText(y);
		return c;
	}

	/** A model trained in the Train screen arrives here with its path. */
	@Inject
	@Optional
	void trained(@UIEventTopic(TrainPart.EVALUATE_TOPIC) Path pkg) {
		if (model != null && !model.isDisposed()) {
			model.setText(pkg.toString());
			if (app != null && models != null && parts != null && models.find("org.medad.ui.perspective.evaluate",
					app) instanceof org.eclipse.e4.ui.model.application.ui.advanced.MPerspective p) {
				parts.switchPerspective(p);
			}
		}
	}

	/** Evaluates in a Job into {@code MODEL-evaluation-SPLIT} beside the model; the result joins the others shown. */
	public Job evaluate(Path pkgPath, Path dataSet, String splitName) {
		Path out = pkgPath.toAbsolutePath().resolveSibling(pkgPath.getFileName() + "-evaluation-" + splitName + "-"
				+ (runs.size() + 1));
		state.setText("Evaluating " + pkgPath.getFileName() + " on " + dataSet + " (" + splitName + ") …");
		Job job = Job.create("Evaluating " + pkgPath.getFileName(), monitor -> {
			try {
				var loaded = ModelLoader.load(catalog, pkgPath);
				try (var m = loaded.model()) {
					var progress = new JobProgress(monitor, line -> display.asyncExec(() -> state.setText(line)), null);
					Evaluation.Outcome o = workflows.evaluation(progress, Workflows.DEFAULT_BATCH).evaluate(m, loaded
							.pkg(), dataSet, new Evaluation.Options(splitName, null, true), out);
					Map<String, Path> scans = new LinkedHashMap<>();
					for (Case c : Datasets.open(dataSet, workflows.formats()).cases(splitName)) {
						scans.put(c.id(), c.image());
					}
					var r = o.report();
					Run run = new Run(pkgPath.getFileName().toString(), r.metrics(), r.image(), r.normal(), r
							.anomalous(), r.threshold(), r.gallery(), scans, out);
					display.asyncExec(() -> {
						running = null;
						runs.add(run);
						state.setText("Evaluated " + run.name() + ": outputs in " + out);
						show();
					});
				}
			} catch (Exception | LinkageError e) {
				display.asyncExec(() -> {
					running = null;
					state.setText("Evaluation failed: " + Problems.reason(e));
					Problems.show(display.getActiveShell(), "Evaluation failed", pkgPath.toString(), e);
				});
			}
			return Status.OK_STATUS;
		});
		job.setUser(true);
		running = job;
		job.schedule();
		return job;
	}

	/** The metrics of every run side by side, their curves overlaid, the last run's histogram and cases. */
	private void show() {
		metrics.removeAll();
		for (TableColumn c : metrics.getColumns()) {
			c.dispose();
		}
		new TableColumn(metrics, SWT.LEFT).setText("Metric");
		List<String> keys = new ArrayList<>();
		for (Run r : runs) {
			new TableColumn(metrics, SWT.RIGHT).setText(r.name());
			r.metrics().forEach((k, v) -> {
				if ((v instanceof Number) && !keys.contains(k)) {
					keys.add(k);
				}
			});
		}
		for (String k : keys) {
			String[] row = new String[runs.size() + 1];
			row[0] = k;
			for (int i = 0; i < runs.size(); i++) {
				Object v = runs.get(i).metrics().get(k);
				row[i + 1] = v instanceof Number n ? String.format(java.util.Locale.ROOT, "%.4f", n.doubleValue()) : "";
			}
			new TableItem(metrics, SWT.NONE).setText(row);
		}
		for (TableColumn c : metrics.getColumns()) {
			c.pack();
		}
		for (Chart c : List.of(roc, pr, histogram)) {
			for (ISeries<?> s : c.getSeriesSet().getSeries()) {
				c.getSeriesSet().deleteSeries(s.getId());
			}
		}
		for (int i = 0; i < runs.size(); i++) {
			Run r = runs.get(i);
			Curve curve = r.image();
			int n = curve.size();
			double[] fpr = new double[n + 1]; // the ROC starts at (0, 0): above every score
			double[] tpr = new double[n + 1];
			double[] recall = new double[n];
			double[] precision = new double[n];
			for (int j = 0; j < n; j++) {
				fpr[j + 1] = curve.fpr(j);
				tpr[j + 1] = curve.tpr(j);
				recall[j] = curve.tpr(j);
				precision[j] = curve.precision(j);
			}
			line(roc, r.name(), fpr, tpr, colours.get(i % colours.size()));
			line(pr, r.name(), recall, precision, colours.get(i % colours.size()));
		}
		if (!runs.isEmpty()) {
			Run last = runs.get(runs.size() - 1);
			ScoreHistogram h = ScoreHistogram.of(last.normal(), last.anomalous(), 20);
			double[] x = new double[h.bins()];
			double[] normal = new double[h.bins()];
			double[] anomalous = new double[h.bins()];
			for (int i = 0; i < h.bins(); i++) {
				x[i] = h.centre(i);
				normal[i] = h.normal()[i];
				anomalous[i] = h.anomalous()[i];
			}
			line(histogram, "normal", x, normal, colours.get(2)).enableStep(true);
			line(histogram, "anomalous", x, anomalous, colours.get(1)).enableStep(true);
			if (last.threshold() != null) {
				int top = 0;
				for (int i = 0; i < h.bins(); i++) {
					top = Math.max(top, Math.max(h.normal()[i], h.anomalous()[i]));
				}
				line(histogram, "threshold", new double[] { last.threshold(), last.threshold() }, new double[] { 0, top },
						colours.get(0)).setLineStyle(LineStyle.DASH);
			}
			showGallery(last);
		}
		for (Chart c : List.of(roc, pr, histogram)) {
			c.getAxisSet().adjustRange();
			if (c != histogram) { // rates and precision: the unit square, so two models compare at a glance
				c.getAxisSet().getXAxis(0).setRange(new org.eclipse.swtchart.Range(0, 1.02));
				c.getAxisSet().getYAxis(0).setRange(new org.eclipse.swtchart.Range(0, 1.02));
			}
			c.redraw();
		}
	}

	private static ILineSeries<?> line(Chart chart, String name, double[] x, double[] y, Color colour) {
		ILineSeries<?> s = (ILineSeries<?>) chart.getSeriesSet().createSeries(ISeries.SeriesType.LINE, name);
		s.setSymbolType(ILineSeries.PlotSymbolType.NONE);
		s.setLineColor(colour);
		s.setXSeries(x);
		s.setYSeries(y);
		return s;
	}

	private void showGallery(Run run) {
		for (var c : gallery.getChildren()) {
			c.dispose();
		}
		thumbnails.forEach(Image::dispose);
		thumbnails.clear();
		section(run, "Most anomalous", run.gallery().mostAnomalous());
		section(run, "Missed lesions", run.gallery().missedLesions());
		section(run, "False alarms", run.gallery().falseAlarms());
		gallery.layout(true);
	}

	private void section(Run run, String title, List<CaseGallery.Shown> shown) {
		if (shown.isEmpty()) {
			return;
		}
		Label l = new Label(gallery, SWT.NONE);
		l.setText(title + ":");
		for (CaseGallery.Shown s : shown) {
			Label thumb = new Label(gallery, SWT.BORDER);
			ImageData d = new ImageData(new ByteArrayInputStream(s.png()));
			int side = 96;
			Image img = new Image(display, d.scaledTo(side, Math.max(1, d.height * side / Math.max(1, d.width))));
			thumbnails.add(img);
			thumb.setImage(img);
			thumb.setToolTipText(s.id() + "\nscore " + s.score() + (s.anomalous() ? ", anomalous" : ", normal") + "\n"
					+ s.note() + "\nDouble-click: open in Review");
			thumb.setData("org.medad.ui.case", s.id());
			thumb.addListener(SWT.MouseDoubleClick, e -> openInReview(run, s.id()));
		}
	}

	/** Asks Review to show the case with the map this evaluation wrote for it. */
	public void openInReview(Run run, String caseId) {
		Path scan = run.scans().get(caseId);
		if (scan == null || events == null) {
			return;
		}
		Path base = MapWriter.base(run.out().resolve("maps"), caseId);
		Path map = null;
		for (String ext : List.of(".nii.gz", ".tiff")) {
			Path p = base.resolveSibling(base.getFileName() + ext);
			if (Files.isRegularFile(p)) {
				map = p;
				break;
			}
		}
		if (app != null && models != null && parts != null) {
			var review = models.find("org.medad.ui.perspective.review", app);
			if (review instanceof org.eclipse.e4.ui.model.application.ui.advanced.MPerspective p) {
				parts.switchPerspective(p);
			}
		}
		events.send(REVIEW_TOPIC, new Path[] { scan, map });
	}

	// for the self-test

	public List<Run> runs() {
		return List.copyOf(runs);
	}

	public boolean running() {
		return running != null;
	}

	public int thumbnailCount() {
		return thumbnails.size();
	}

	public Map<String, Integer> plotted() {
		Map<String, Integer> n = new LinkedHashMap<>();
		for (Chart c : List.of(roc, pr, histogram)) {
			for (ISeries<?> s : c.getSeriesSet().getSeries()) {
				n.put(c.getTitle().getText() + ": " + s.getId(), s.getYSeries().length);
			}
		}
		return n;
	}

	public int metricRows() {
		return metrics.getItemCount();
	}
}

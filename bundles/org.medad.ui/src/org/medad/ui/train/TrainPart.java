package org.medad.ui.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
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
import org.eclipse.swt.widgets.Text;
import org.medad.compute.ComputeService;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.InstalledDetector;
import org.medad.core.error.CancelledException;
import org.medad.core.model.ModelPackage;
import org.medad.run.FolderCheckpoints;
import org.medad.run.Workflows;
import org.medad.ui.jobs.JobProgress;
import org.medad.ui.jobs.Problems;
import org.medad.ui.settings.SettingsDraft;
import org.medad.ui.settings.SettingsForm;
import org.medad.ui.settings.SettingsPresets;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Train screen: a detector (from DS), a data set in BMAD layout, the model package to write, a device and a seed;
 * the detector's settings as a form generated from its schema; Start, Resume and Cancel; the loss terms and the
 * learning rate on a live chart, the run's log and its checkpoints. The run is the command line's {@code medad
 * train}, through the same workflow ({@link Workflows#training}), in an Eclipse Job.
 */
public class TrainPart {
	/** Event carrying a trained model package's path to the Evaluate screen. */
	public static final String EVALUATE_TOPIC = "org/medad/ui/evaluate/model";

	@Inject
	DetectorCatalog catalog;
	@Inject
	Workflows workflows;
	@Inject
	@Optional
	ComputeService compute;
	@Inject
	@Optional
	IEventBroker events;

	private Display display;
	private Combo detector;
	private Text data;
	private Text out;
	private Combo device;
	private volatile String devicesFound;
	private Text seed;
	private ScrolledComposite settingsArea;
	private Combo preset;
	private final SettingsPresets presets = new SettingsPresets(org.medad.ui.Workspace.root().resolve("presets"));
	private SettingsForm form;
	private Button start;
	private Button resume;
	private Button cancel;
	private Button evaluate;
	private Label state;
	private Text log;
	private org.eclipse.swt.widgets.List checkpoints;
	private final TrainingCurves curves = new TrainingCurves();
	private CurvesChart chart;
	private volatile Job running;
	private volatile ModelPackage trained;

	@PostConstruct
	public void create(Composite parent) {
		display = parent.getDisplay();
		parent.setLayout(new FillLayout());
		SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
		Composite left = new Composite(sash, SWT.NONE);
		left.setLayout(new GridLayout(3, false));
		detector = new Combo(left, SWT.READ_ONLY);
		row(left, "Detector", detector, null);
		for (InstalledDetector d : catalog.detectors()) {
			detector.add(d.descriptor().id());
		}
		detector.addListener(SWT.Selection, e -> showSettings());
		data = new Text(left, SWT.BORDER);
		row(left, "Data set", data, "the folder of a data set in BMAD layout (train/good, valid/good, valid/Ungood)");
		out = new Text(left, SWT.BORDER);
		row(left, "Model", out, "the model package to write (a folder; an existing package is never replaced)");
		device = new Combo(left, SWT.DROP_DOWN);
		device.setItems("auto", "cpu"); // the GPUs join when the compute service has looked
		device.select(0);
		row(left, "Device", device, "auto uses a GPU where one is visible (medad compute lists them); fp16 on GPU only");
		seed = new Text(left, SWT.BORDER);
		seed.setText("0");
		seed.addListener(SWT.Modify, e -> enable());
		row(left, "Seed", seed, "the seed of all randomness: the same data, settings and seed give the same model");
		data.addListener(SWT.Modify, e -> enable());
		out.addListener(SWT.Modify, e -> enable());

		Label settingsTitle = new Label(left, SWT.NONE);
		settingsTitle.setText("Settings (hover a name for its meaning and range)");
		settingsTitle.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
		settingsArea = new ScrolledComposite(left, SWT.V_SCROLL | SWT.BORDER);
		settingsArea.setExpandHorizontal(true);
		settingsArea.setExpandVertical(true);
		settingsArea.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
		Composite presets = bar(left);
		button(presets, "Defaults", "defaults", e -> {
			if (form != null) {
				form.draft().restoreDefaults();
				form.refresh();
				enable();
			}
		});
		preset = new Combo(presets, SWT.READ_ONLY);
		preset.setData("org.medad.ui.id", "preset");
		preset.setToolTipText("Settings saved before for this detector (Save as preset…), in the workspace's presets/");
		preset.addListener(SWT.Selection, e -> {
			if (preset.getSelectionIndex() > 0) {
				applyPreset(preset.getText());
			}
		});
		button(presets, "Save as preset…", "save-preset", e -> {
			InstalledDetector d = chosen();
			if (d == null || form == null) {
				return;
			}
			InputDialog ask = new InputDialog(left.getShell(), "Save settings as a preset", "A name for these "
					+ d.descriptor().id() + " settings:", "", SettingsPresets::problem);
			if (ask.open() == Window.OK) {
				savePreset(ask.getValue().strip());
			}
		});
		button(presets, "Settings of a model…", "settings-of-model", e -> {
			String f = new DirectoryDialog(left.getShell()).open();
			if (f != null) {
				settingsOf(Path.of(f));
			}
		});
		Composite actions = bar(left);
		start = button(actions, "Start", "start", e -> start(false));
		resume = button(actions, "Resume", "resume", e -> start(true));
		cancel = button(actions, "Cancel", "cancel", e -> {
			Job j = running;
			if (j != null) {
				j.cancel();
			}
		});
		evaluate = button(actions, "Open in Evaluate", "open-in-evaluate", e -> {
			if (trained != null && events != null) {
				events.post(EVALUATE_TOPIC, trained.folder());
			}
		});
		state = new Label(left, SWT.WRAP);
		state.setData("org.medad.ui.id", "train-state");
		state.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));

		SashForm right = new SashForm(sash, SWT.VERTICAL);
		chart = new CurvesChart(right, curves);
		SashForm bottom = new SashForm(right, SWT.HORIZONTAL);
		log = new Text(bottom, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
		log.setData("org.medad.ui.id", "train-log");
		checkpoints = new org.eclipse.swt.widgets.List(bottom, SWT.BORDER | SWT.V_SCROLL);
		checkpoints.setData("org.medad.ui.id", "checkpoints");
		checkpoints.setToolTipText("The checkpoint an unfinished run leaves beside the model (MODEL.checkpoint)");
		right.setWeights(65, 35);
		bottom.setWeights(70, 30);
		sash.setWeights(40, 60);
		if (detector.getItemCount() > 0) {
			detector.select(0);
			showSettings();
		}
		enable();
		discoverDevices();
	}

	/**
	 * The devices the compute service sees, in a Job (it starts the engine, which loads its natives): the CPU and
	 * every GPU with fp32 and fp16, the GPUs described in the list's tooltip.
	 */
	private void discoverDevices() {
		if (compute == null) {
			devicesFound = "no compute service installed";
			return;
		}
		Job.create("Finding the compute devices", monitor -> {
			List<String> items = new java.util.ArrayList<>(List.of("auto", "cpu"));
			String found;
			try {
				var report = compute.report();
				StringBuilder text = new StringBuilder("CPU: " + report.threads() + " threads");
				for (var gpu : report.gpus()) {
					items.add("gpu:" + gpu.index());
					items.add("gpu:" + gpu.index() + ",fp16");
					text.append(String.format(java.util.Locale.ROOT, "; gpu:%d: compute capability %s, %.1f of %.1f GiB"
							+ " free", gpu.index(), gpu.computeCapability(), gpu.freeBytes() / 1073741824.0, gpu
									.totalBytes() / 1073741824.0));
				}
				if (report.gpus().isEmpty()) {
					text.append("; no GPU visible (").append(report.cudaLibtorch() ? "no CUDA device"
							: "the installed engine is CPU-only").append(")");
				}
				found = text.toString();
			} catch (Exception | LinkageError e) {
				found = "the compute engine did not start: " + Problems.reason(e);
			}
			String info = found;
			display.asyncExec(() -> {
				if (device.isDisposed()) {
					return;
				}
				String typed = device.getText();
				device.setItems(items.toArray(String[]::new));
				device.setText(typed);
				device.setToolTipText("auto uses a GPU where one is visible; fp16 on GPU only. Found: " + info);
				devicesFound = info;
			});
		}).schedule();
	}

	/** What device discovery found (null until it has run), and the devices offered. */
	public String devicesFound() {
		return devicesFound;
	}

	public List<String> deviceChoices() {
		return List.of(device.getItems());
	}

	private void row(Composite parent, String name, org.eclipse.swt.widgets.Control field, String tip) {
		Label l = new Label(parent, SWT.NONE);
		l.setText(name);
		l.moveAbove(field);
		boolean browse = field instanceof Text && !name.equals("Seed");
		field.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, browse ? 1 : 2, 1));
		field.setData("org.medad.ui.id", name.toLowerCase().replace(' ', '-'));
		if (tip != null) {
			l.setToolTipText(tip);
			field.setToolTipText(tip);
		}
		if (browse) {
			Button b = new Button(parent, SWT.PUSH);
			b.setText("Browse…");
			b.addListener(SWT.Selection, e -> {
				String f = new DirectoryDialog(parent.getShell()).open();
				if (f != null) {
					((Text) field).setText(f);
				}
			});
		}
	}

	private static Composite bar(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		c.setLayout(new RowLayout(SWT.HORIZONTAL));
		c.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
		return c;
	}

	private static Button button(Composite parent, String text, String id, org.eclipse.swt.widgets.Listener action) {
		Button b = new Button(parent, SWT.PUSH);
		b.setText(text);
		b.setData("org.medad.ui.id", id);
		b.addListener(SWT.Selection, action);
		return b;
	}

	/** The chosen detector's settings form, generated from its schema. */
	private void showSettings() {
		InstalledDetector d = chosen();
		if (form != null) {
			form.control().dispose();
			form = null;
		}
		if (d != null) {
			form = new SettingsForm(settingsArea, new SettingsDraft(d.detector().settingsSchema()), this::enable);
			settingsArea.setContent(form.control());
			settingsArea.setMinSize(form.control().computeSize(SWT.DEFAULT, SWT.DEFAULT));
		}
		if (preset != null) {
			showPresets(null);
		}
		enable();
	}

	private InstalledDetector chosen() {
		String id = detector.getText();
		return catalog.find(id).orElse(null);
	}

	/** Start needs a detector, a data set, an output and valid settings and seed; nothing while a run is under way. */
	private void enable() {
		if (start == null) {
			return;
		}
		boolean idle = running == null;
		boolean ready = idle && form != null && form.draft().valid() && !data.getText().isBlank() && !out.getText()
				.isBlank() && seedValue() != null;
		start.setEnabled(ready);
		resume.setEnabled(ready);
		cancel.setEnabled(!idle);
		evaluate.setEnabled(idle && trained != null);
		detector.setEnabled(idle);
	}

	private Long seedValue() {
		try {
			return Long.parseLong(seed.getText().trim());
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** Starts (or, with {@code resume}, continues) the run in a Job; the chart and log restart with it. */
	public Job start(boolean resumeRun) {
		InstalledDetector d = chosen();
		Map<String, String> overrides;
		try {
			overrides = form.draft().overrides();
		} catch (Exception e) {
			Problems.show(display.getActiveShell(), "Invalid settings", d.descriptor().id(), e);
			return null;
		}
		Path dataSet = Path.of(data.getText().trim());
		Path model = Path.of(out.getText().trim());
		long seedNumber = seedValue();
		String deviceRequest = device.getText().trim();
		curves.clear();
		log.setText("");
		trained = null;
		state.setText((resumeRun ? "Resuming " : "Training ") + d.descriptor().id() + " on " + dataSet + " …");
		Job job = Job.create("Training " + d.descriptor().id(), monitor -> {
			Path folder = FolderCheckpoints.beside(model);
			JobProgress progress = new JobProgress(monitor, line -> {
				List<String> listed = listCheckpoint(folder); // listed here, off the UI thread
				display.asyncExec(() -> {
					appendLog(line);
					showCheckpoints(listed);
				});
			}, curves);
			try {
				if (compute != null && !deviceRequest.equals("auto")) {
					compute.prefer(deviceRequest);
				}
				ModelPackage pkg = workflows.training(progress).resuming(resumeRun).run(d, dataSet, model, overrides,
						seedNumber);
				display.asyncExec(() -> finished(pkg));
				return Status.OK_STATUS;
			} catch (CancelledException e) {
				List<String> left = listCheckpoint(folder);
				display.asyncExec(() -> stopped(folder, left, null));
				return Status.CANCEL_STATUS;
			} catch (Exception | LinkageError e) {
				List<String> left = listCheckpoint(folder);
				display.asyncExec(() -> stopped(folder, left, e));
				return Status.OK_STATUS; // reported in the part's own dialog, with how to resume
			}
		});
		job.setUser(true);
		running = job;
		enable();
		job.schedule();
		return job;
	}

	private void finished(ModelPackage pkg) {
		running = null;
		trained = pkg;
		var m = pkg.manifest();
		state.setText(String.format("Trained %s on %d images in %.1f s: image threshold %s, pixel threshold %s (%s)."
				+ " Model: %s", m.detector().id(), m.training().files(), m.training().seconds(), m.thresholds().image(),
				m.thresholds().pixel(), m.thresholds().method(), pkg.folder()));
		showCheckpoints(List.of());
		chart.update();
		enable();
		state.getParent().layout(true);
	}

	/** A cancelled or failed run: why, and how to continue from the checkpoint it left, if any. */
	private void stopped(Path folder, List<String> left, Throwable failure) {
		running = null;
		showCheckpoints(left);
		String resumeHint = left.isEmpty() ? " No epoch was completed, so there is no checkpoint: Start begins again."
				: " The checkpoint " + folder + " is kept: Resume continues from its last epoch (same data, settings"
						+ " and seed).";
		state.setText((failure == null ? "Cancelled." : "Training failed: " + Problems.reason(failure)) + resumeHint);
		chart.update();
		enable();
		state.getParent().layout(true);
		if (failure != null) {
			Problems.show(display.getActiveShell(), "Training failed", chosen() == null ? "training" : "training "
					+ chosen().descriptor().id(), failure);
		}
	}

	private static List<String> listCheckpoint(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.sorted().map(p -> {
				try {
					return p.getFileName() + "  " + (Files.size(p) / 1024) + " KiB  " + Files.getLastModifiedTime(p);
				} catch (IOException e) {
					return p.getFileName().toString();
				}
			}).toList();
		} catch (IOException e) {
			return List.of(folder + ": " + e.getMessage());
		}
	}

	private void showCheckpoints(List<String> listed) {
		if (!checkpoints.isDisposed()) {
			checkpoints.setItems(listed.toArray(String[]::new));
		}
	}

	private void appendLog(String line) {
		if (!log.isDisposed()) {
			log.append(line + "\n");
		}
	}

	/** Fills the form with the settings a model package was trained with (read in a Job). */
	private void settingsOf(Path pkg) {
		Job.create("Reading " + pkg.getFileName(), monitor -> {
			try {
				ModelPackage p = ModelPackage.read(pkg);
				display.asyncExec(() -> {
					catalog.find(p.manifest().detector().id()).ifPresent(d -> {
						detector.setText(d.descriptor().id());
						showSettings();
					});
					form.draft().apply(p.manifest().settings());
					form.refresh();
					enable();
				});
			} catch (Exception e) {
				display.asyncExec(() -> Problems.show(display.getActiveShell(), "Cannot read " + pkg.getFileName(), pkg
						.toString(), e));
			}
			return Status.OK_STATUS;
		}).schedule();
	}

	/** Saves the form's settings (those that differ from the defaults) as a named preset of the detector. */
	public void savePreset(String name) {
		InstalledDetector d = chosen();
		try {
			presets.save(d.descriptor().id(), name, form.draft().overrides());
			showPresets(name);
			state.setText("Saved the settings as preset '" + name + "'");
		} catch (Exception e) {
			Problems.show(display.getActiveShell(), "Cannot save the preset", name, e);
		}
	}

	/** The form reset to the defaults, then the preset's settings applied. */
	public void applyPreset(String name) {
		InstalledDetector d = chosen();
		try {
			var settings = presets.read(d.descriptor().id(), name);
			form.draft().restoreDefaults();
			form.draft().apply(settings);
			form.refresh();
			enable();
			state.setText("Preset '" + name + "': " + (settings.isEmpty() ? "the defaults" : settings));
		} catch (Exception e) {
			Problems.show(display.getActiveShell(), "Cannot apply the preset", name, e);
		}
	}

	/** The saved presets of the chosen detector, as listed. */
	public List<String> presetChoices() {
		return List.of(preset.getItems()).subList(1, preset.getItemCount());
	}

	private void showPresets(String selected) {
		InstalledDetector d = chosen();
		preset.removeAll();
		preset.add("Presets…");
		if (d != null) {
			presets.names(d.descriptor().id()).forEach(preset::add);
		}
		int i = selected == null ? -1 : preset.indexOf(selected);
		preset.select(Math.max(0, i));
	}

	// for the self-test, which drives the screen as a user would

	/** The detectors offered in the Detector list, as shown. */
	public List<String> detectorChoices() {
		return List.of(detector.getItems());
	}

	public void choose(String detectorId, Path dataSet, Path model) {
		detector.setText(detectorId);
		showSettings();
		data.setText(dataSet.toString());
		out.setText(model.toString());
	}

	public SettingsForm form() {
		return form;
	}

	/** Cancel, as its button does. */
	public void cancel() {
		Job j = running;
		if (j != null) {
			j.cancel();
		}
	}

	/** The checkpoint files listed, as shown. */
	public List<String> checkpointsShown() {
		return List.of(checkpoints.getItems());
	}

	public boolean startEnabled() {
		return start.isEnabled();
	}

	public boolean running() {
		return running != null;
	}

	public ModelPackage trained() {
		return trained;
	}

	public String stateText() {
		return state.getText();
	}

	public CurvesChart chart() {
		return chart;
	}

	public TrainingCurves curves() {
		return curves;
	}

	public String logText() {
		return log.getText();
	}
}

package org.medad.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.medad.core.detect.InstalledDetector;
import org.medad.core.detect.LabelledSet;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.Shot;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainingData;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.image.Volume;
import org.medad.core.model.Hashes;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.output.OutputGuard;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.io.dataset.Datasets;
import org.medad.io.dataset.LabelledData;
import org.medad.io.dataset.Case;
import org.medad.io.dataset.CaseSlices;
import org.medad.io.dataset.LabelledCaseSlices;
import org.medad.io.dataset.SliceSpec;
import org.medad.io.dataset.Slicing;
import org.medad.io.format.ImageFormats;

/**
 * Trains a detector on a data set's normal training images, calibrates the image and pixel thresholds on
 * the validation split ({@link Calibration}) and writes the model package atomically.
 */
public final class TrainingRun {
	private final ImageFormats formats;
	private final ProgressMonitor monitor;
	private ShotSelection shots;
	private List<Path> others = List.of();
	private String othersSplit = "test";
	private SliceSpec chosenSlices;
	private boolean resume;
	private boolean overwrite;
	private double percentile = Calibration.DEFAULT_PERCENTILE;

	public TrainingRun(ImageFormats formats, ProgressMonitor monitor) {
		this.formats = formats;
		this.monitor = monitor;
	}

	/**
	 * The shots a few-shot detector learns from (default: {@link ShotSelection#DEFAULT_PER_CLASS} per class, seeded);
	 * ignored for detectors that learn from normal images.
	 */
	public TrainingRun withShots(ShotSelection selection) {
		this.shots = selection;
		return this;
	}

	/**
	 * Other labelled data sets the detector may learn from (the zero-shot protocol), each given as the cases of its
	 * {@code split}: handed over in {@link TrainingData#others()} and recorded in model.json.
	 */
	public TrainingRun withOthers(List<Path> datasets, String split) {
		this.others = List.copyOf(datasets);
		this.othersSplit = split;
		return this;
	}

	/**
	 * The slices {@code spec} selects from volumes (default: all slices in the plane the detector declares; 2D images
	 * are used whole).
	 */
	public TrainingRun withSlices(SliceSpec spec) {
		this.chosenSlices = spec;
		return this;
	}

	/**
	 * Continue from the checkpoint an interrupted run left in {@link FolderCheckpoints#beside(Path) MODEL.checkpoint}
	 * (detectors that train in epochs leave one after each epoch). Without it a fresh run refuses to start over an
	 * existing checkpoint, so that no interrupted run is lost by accident; the checkpoint is removed once the model is
	 * written.
	 */
	public TrainingRun resuming(boolean resume) {
		this.resume = resume;
		return this;
	}

	/**
	 * Replace an existing model package at the output; nothing else that is there (a file, a folder of the user's, the
	 * data itself) ever is: those are refused before any work.
	 */
	public TrainingRun overwriting(boolean overwrite) {
		this.overwrite = overwrite;
		return this;
	}

	/**
	 * The percentile of the normal validation scores (image) and pixels (pixel) a threshold takes where the validation
	 * split holds no anomalies (with masks, for the pixel threshold); default 99.
	 */
	public TrainingRun withThresholdPercentile(double percentile) {
		org.medad.metrics.Percentile.check(percentile);
		this.percentile = percentile;
		return this;
	}

	/** Trains {@code detector} on {@code data} with the settings {@code overrides} and writes the package at {@code out}. */
	public ModelPackage run(InstalledDetector detector, Path data, Path out, Map<String, String> overrides, long seed)
			throws MedadException, IOException {
		Settings settings = detector.detector().settingsSchema().parse(overrides);
		InputPipeline input = input(detector, settings);
		SliceSpec spec = chosenSlices != null ? chosenSlices : declaredPlane(detector, settings);
		List<Path> read = new ArrayList<>(others);
		read.add(data);
		OutputGuard.apartFrom(out, "--out", read);
		OutputGuard.replaceable(out, "--out", "model package", ModelPackage::looksLikePackage, overwrite);
		OutputGuard.apartFrom(FolderCheckpoints.beside(out), "the checkpoint folder", List.of(data));
		LabelledData dataset = Datasets.open(data, formats);
		// a few-shot method learns from the labelled shots of valid/: a data set without train/ is enough for it
		boolean fewShot = detector.descriptor().learnsFrom() == LearnsFrom.FEW_SHOT;
		List<Case> normals = fewShot && !dataset.hasSplit("train") ? List.of() : dataset.training();
		List<String> ids = normals.stream().map(Case::id).sorted().toList();
		String fileListSha256 = Hashes.sha256(String.join("\n", ids));
		var ref = new ModelManifest.DetectorRef(detector.descriptor().id(), detector.descriptor().version());
		Path folder = FolderCheckpoints.beside(out);
		if (FolderCheckpoints.recover(folder)) {
			monitor.status("recovered the checkpoint " + folder + " from an interrupted replacement");
		}
		if (!resume && java.nio.file.Files.exists(folder)) {
			throw new UsageException(folder + " holds the checkpoint of an earlier, unfinished run: add --resume to"
					+ " continue it, or delete that folder to start over");
		}
		if (resume && !java.nio.file.Files.isDirectory(folder)) {
			throw new UsageException("--resume: no checkpoint to resume from at " + folder);
		}
		Map<String, Object> identity = new java.util.LinkedHashMap<>();
		identity.put("detector", ref);
		identity.put("settings", settings.values());
		identity.put("seed", seed);
		identity.put("trainingFiles", ids.size());
		identity.put("fileListSha256", fileListSha256);
		identity.put("slices", spec.describe());
		var template = new ModelManifest(ModelManifest.FORMAT_VERSION, ref, settings.values(), Map.of(),
				new ModelManifest.Thresholds(null, null, "none: training checkpoint, not calibrated"),
				new ModelManifest.Training(ids.size(), fileListSha256, seed, 0,
						SoftwareVersion.get(), "cpu", 0, null),
				List.of(), List.of());
		FolderCheckpoints checkpoints = new FolderCheckpoints(folder, identity, template, resume);
		long start = System.nanoTime();
		CaseSlices slices = new CaseSlices(normals, formats, spec);
		List<Map<String, Object>> otherRecords = new ArrayList<>();
		TrainingData trainingData = trainingData(detector, settings, dataset, input, slices, seed, data)
				.withOthers(others(input, otherRecords));
		Set<String> shotIds = trainingData.shots().stream().map(Shot::id).collect(Collectors.toSet());
		try (TrainedModel model = detector.detector().train(trainingData, settings, seed, monitor, checkpoints)) {
			ModelManifest.Thresholds thresholds = new Calibration(formats, monitor, percentile).calibrate(model, dataset,
					spec, input, shotIds);
			double seconds = (System.nanoTime() - start) / 1e9;
			var training = new ModelManifest.Training(ids.size(), fileListSha256, seed,
					epochs(model), SoftwareVersion.get(), device(model), seconds, Instant.now().toString());
			// the model's own settings: a detector may complete the run's (MVFA takes its networks from a start package)
			Map<String, Object> recorded = model.settings().values().isEmpty() ? settings.values()
					: model.settings().values();
			var manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, ref, recorded,
					preprocessing(model, spec, input, slices, trainingData, otherRecords), thresholds, training, List.of(),
					model.references());
			ModelPackage written = ModelPackage.write(out, manifest, model.weights());
			checkpoints.discard();
			return written;
		}
	}

	/** The compute device the detector reports in its training record; "cpu" for detectors without one. */
	private static String device(TrainedModel model) {
		if (model.preprocessing().get("training") instanceof Map<?, ?> t && t.get("device") instanceof String d) {
			return d;
		}
		return "cpu";
	}

	/** Epochs the detector reports in its preprocessing record ("training" → "epochs"), else 1 (one pass). */
	private static int epochs(TrainedModel model) {
		if (model.preprocessing().get("training") instanceof Map<?, ?> t && t.get("epochs") instanceof Number n) {
			return n.intValue();
		}
		return 1;
	}

	/** All slices in the plane the detector's input declares (axial when it names none known). */
	private static SliceSpec declaredPlane(InstalledDetector detector, Settings settings) throws ModelException {
		String plane = detector.detector().input(settings).plane();
		try {
			return new SliceSpec(Slicing.Plane.of(plane), 0, -1);
		} catch (IllegalArgumentException e) {
			throw new ModelException("detector '" + detector.descriptor().id() + "' declares the plane '" + plane
					+ "': axial, coronal or sagittal");
		}
	}

	/** The input the detector declares for these settings; a step it cannot declare is a fault of that detector. */
	private static InputPipeline input(InstalledDetector detector, Settings settings) throws ModelException {
		try {
			return InputPipeline.of(detector.detector().input(settings));
		} catch (IllegalArgumentException e) {
			throw new ModelException("detector '" + detector.descriptor().id() + "' declares an input it cannot have: "
					+ e.getMessage());
		}
	}

	/** The other data sets, opened, each through the input pipeline; one record per set for model.json. */
	private List<LabelledSet> others(InputPipeline input, List<Map<String, Object>> records) throws MedadException {
		List<LabelledSet> sets = new ArrayList<>();
		for (Path p : others) {
			LabelledData other = Datasets.open(p, formats);
			if (!other.hasSplit(othersSplit)) {
				throw BadInputException.of(p, "has no " + othersSplit + " split to learn from");
			}
			List<Case> cases = other.cases(othersSplit);
			String name = p.toAbsolutePath().normalize().getFileName().toString();
			sets.add(new LabelledSet(name, input.over(new LabelledCaseSlices(cases, formats, name + "/"))));
			Map<String, Object> r = new java.util.LinkedHashMap<>();
			r.put("name", name);
			r.put("path", p.toAbsolutePath().normalize().toString());
			r.put("split", othersSplit);
			r.put("cases", cases.size());
			r.put("anomalous", cases.stream().filter(Case::anomalous).count());
			r.put("fileListSha256", Hashes.sha256(String.join("\n", cases.stream().map(Case::id).sorted().toList())));
			records.add(r);
			monitor.status("other data set " + name + ": " + cases.size() + " " + othersSplit + " cases");
		}
		return sets;
	}

	private static Map<String, Object> preprocessing(TrainedModel model, SliceSpec spec, InputPipeline input,
			CaseSlices slices, TrainingData data, List<Map<String, Object>> others) {
		Map<String, Object> p = new java.util.LinkedHashMap<>(model.preprocessing());
		p.put("input", input.record());
		if (!others.isEmpty()) {
			p.put("others", others);
		}
		if (!data.shots().isEmpty()) {
			Map<String, Object> shots = new java.util.LinkedHashMap<>();
			shots.put("selection", data.selection());
			shots.put("normal", data.normalShots().stream().map(Shot::id).toList());
			shots.put("anomalous", data.anomalousShots().stream().map(Shot::id).toList());
			p.put("shots", shots);
		}
		p.put("slices", spec.describe());
		p.put("slicePlane", spec.plane().name().toLowerCase());
		p.put("sliceFrom", spec.from());
		p.put("sliceTo", spec.to());
		p.put("trainingSlices", slices.size());
		return p;
	}

	/**
	 * The training data the detector asks for: normal slices, plus labelled shots from valid/ (loaded with their
	 * masks) for a few-shot detector.
	 */
	private TrainingData trainingData(InstalledDetector detector, Settings settings, LabelledData dataset,
			InputPipeline input, CaseSlices cases, long seed, Path data) throws MedadException {
		SliceSource slices = input.over(cases);
		if (detector.descriptor().learnsFrom() != LearnsFrom.FEW_SHOT) {
			return TrainingData.normalsOnly(slices);
		}
		ShotSelection selection = shots != null ? shots : fromSettings(settings).orElse(ShotSelection.byDefault());
		List<Shot> loaded = new ArrayList<>();
		for (Case c : selection.select(dataset, seed, data.toString())) {
			Volume raw = formats.read(c.image());
			Volume grey = raw.grey();
			Volume mask = c.anomalous() && c.hasMask() ? formats.read(c.mask()).grey() : null;
			if (mask != null && !java.util.Arrays.equals(grey.voxels().dimensionsAsLongArray(),
					mask.voxels().dimensionsAsLongArray())) {
				throw BadInputException.of(c.mask(), "mask is " + java.util.Arrays.toString(
						mask.voxels().dimensionsAsLongArray()) + ", its image " + java.util.Arrays.toString(
								grey.voxels().dimensionsAsLongArray()));
			}
			if (grey.geometry().dimensions() != 2) { // a volume shot is handed over whole, grey
				loaded.add(new Shot(c.id(), grey, c.anomalous(), mask));
				continue;
			}
			Volume image = input.apply(raw);
			loaded.add(new Shot(c.id(), image, c.anomalous(), mask == null ? null : input.maskOn(mask, image)));
		}
		monitor.status("few-shot: " + selection.describe() + ": " + loaded.size() + " shots");
		return new TrainingData(slices, loaded, selection.describe());
	}

	/** A detector's own {@code shots} setting (MVFA's {@code --set shots=K}), when it has one and it is set. */
	private static java.util.Optional<ShotSelection> fromSettings(Settings settings) throws UsageException {
		Object k = settings.values().get("shots");
		if (k instanceof Number n && n.intValue() > 0) {
			return java.util.Optional.of(ShotSelection.seeded(n.intValue()));
		}
		return java.util.Optional.empty();
	}
}

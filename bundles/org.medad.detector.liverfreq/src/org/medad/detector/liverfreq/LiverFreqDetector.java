package org.medad.detector.liverfreq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.ScoreRange;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.MedadException;
import org.medad.core.error.UsageException;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.medad.detector.liverfreq.synth.AnomalySource;
import org.medad.detector.liverfreq.synth.AnomalySynthesizer;
import org.medad.detector.liverfreq.synth.FolderSource;
import org.medad.detector.liverfreq.synth.TextureSource;
import org.medad.io.format.ImageFormats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.djl.ndarray.NDManager;

/**
 * Frequency-aware self-supervised liver lesion detection (paper 002; METHODS.md §3): synthetic lesions inside the
 * organ, Butterworth high-pass, reconstruction and weight-decayed segmentation U-Nets trained from scratch.
 */
@Component(service = AnomalyDetector.class)
public final class LiverFreqDetector implements AnomalyDetector {
	private static final Logger LOG = Logger.getLogger(LiverFreqDetector.class.getName());
	static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor("liverfreq",
			"Frequency-aware liver lesion detector", "0.1.0", LearnsFrom.SYNTHETIC, new InputSpec("axial", 256),
			"Perlin pseudo-lesions inside the organ, Butterworth high-pass, reconstruction + weight-decayed U-Net");

	private final ComputeService compute;
	private final ImageFormats formats;

	@Activate
	public LiverFreqDetector(@Reference ComputeService compute, @Reference ImageFormats formats) {
		this.compute = compute;
		this.formats = formats;
	}

	@Override
	public DetectorDescriptor descriptor() {
		return DESCRIPTOR;
	}

	/** The networks at their smallest: seconds on two cores. */
	@Override
	public Map<String, String> quickSettings() {
		return Map.of("preset", "cpu", "size", "32", "reconWidth", "4", "segWidth", "4", "epochs", "2", "batch", "4",
				"sf", "5");
	}

	/** Scores and maps are smoothed lesion probabilities. */
	@Override
	public ScoreRange scoreRange() {
		return ScoreRange.UNIT;
	}

	@Override
	public SettingsSchema settingsSchema() {
		return LiverFreqSettings.SCHEMA;
	}

	@Override
	public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor)
			throws MedadException {
		return train(normals, settings, seed, monitor, TrainingCheckpoints.NONE);
	}

	@Override
	public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor,
			TrainingCheckpoints checkpoints) throws MedadException {
		LiverFreqConfig c;
		try {
			c = LiverFreqConfig.of(settings);
		} catch (IllegalArgumentException e) {
			throw new UsageException(e.getMessage());
		}
		String maskFolder = settings.getString(LiverFreqSettings.ORGAN_MASKS);
		OrganMasks masks = maskFolder.isEmpty() ? null : new OrganMasks(Path.of(maskFolder), formats);
		AnomalySource source = source(settings, c);
		TrainingSet data = TrainingSet.load(normals, c, masks, monitor);
		ComputeDevice device = compute.preferred();
		NDManager m = compute.newManager(device);
		try {
			compute.seed(seed);
			LiverFreqNetworks nets = compute.call(() -> new LiverFreqNetworks(m, c));
			AnomalySynthesizer synth = new AnomalySynthesizer(source, c.local(), c.clean(), c.betaMin(), c.betaMax(), 0.3);
			LiverFreqTrainer.Outcome o = compute.call(() -> LiverFreqTrainer.train(compute, nets, c, data, synth, seed,
					monitor, checkpoints, advice(settings)));
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("device", device.id());
			record.put("epochs", o.epochs());
			record.put("steps", o.steps());
			record.put("seconds", o.seconds());
			record.put("stoppedByTimeLimit", o.stoppedByTime());
			record.put("epochLoss", o.epochLoss());
			record.put("resumedAfterEpoch", o.resumedAtEpoch());
			record.put("skippedEmptyOrgan", data.skippedEmpty);
			record.put("organ", masks == null ? "non-zero pixels" : "masks from " + maskFolder);
			record.put("anomalySource", source.describe());
			return new LiverFreqModel(DESCRIPTOR, settings, c, m, nets, data.scale, o.alpha(), record);
		} catch (MedadException | RuntimeException e) {
			m.close();
			throw e;
		}
	}

	/** What to change when a run would not fit: the cpu preset first, unless it is already chosen. */
	private static String advice(Settings settings) {
		return (settings.getString(LiverFreqSettings.PRESET).equals("cpu") ? ""
				: "use --set preset=cpu (64 px, narrow networks, minutes on two cores), ")
				+ "a smaller --set batch=N or --set size=N, or a GPU (--device gpu:0)";
	}

	private AnomalySource source(Settings settings, LiverFreqConfig c) throws MedadException {
		String folder = settings.getString(LiverFreqSettings.SOURCE);
		if (c.textureOnly() || folder.isEmpty()) {
			if (!c.textureOnly() && c.synth()) {
				LOG.warning("liverfreq: no anomalySource folder given; using procedural textures (the paper uses"
						+ " brain-tumour MRI)");
			}
			return new TextureSource();
		}
		Path dir = Path.of(folder);
		if (!Files.isDirectory(dir)) {
			throw org.medad.core.error.BadInputException.of(dir, "anomaly source folder does not exist");
		}
		return FolderSource.open(dir, formats);
	}

	@Override
	public TrainedModel load(ModelPackage model) throws MedadException {
		Settings settings = LiverFreqSettings.SCHEMA.coerce(model.manifest().settings());
		return compute.call(() -> LiverFreqModel.restore(compute, DESCRIPTOR, settings, model.tensors()));
	}
}

package org.medad.detector.mvfa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.Channels;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.ScoreRange;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.detect.TrainingData;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.TensorStore;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.medad.detector.mvfa.net.InplantedClip;
import org.medad.detector.mvfa.score.MemoryBank;
import org.medad.nn.checkpoint.StateDicts;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * MVFA (paper 001; METHODS.md §2): CLIP's visual tower with residual adapters after four levels, matched against
 * text prompts (zero-shot) and against a memory bank of augmented normal shots (few-shot). Trains its adapters on the
 * labelled shots; imports OpenAI CLIP ({@code --from openai-clip}) and the official adapter checkpoints
 * ({@code --from mvfa-pth}).
 */
@Component(service = AnomalyDetector.class)
public final class MvfaDetector implements AnomalyDetector {
	static final int SIDE = 240;
	static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor("mvfa",
			"MVFA (CLIP with multi-level adapters, zero- and few-shot)", "0.1.0", LearnsFrom.FEW_SHOT,
			new InputSpec("axial", SIDE, Channels.RGB, List.of("window 0,255", "resize " + SIDE + " bicubic antialias")),
			"CLIP ViT-L/14 with segmentation and detection adapters at four levels; text-prompt and memory-bank maps");

	private final ComputeService compute;

	@Activate
	public MvfaDetector(@Reference ComputeService compute) {
		this.compute = compute;
	}

	@Override
	public DetectorDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public SettingsSchema settingsSchema() {
		return MvfaSettings.SCHEMA;
	}

	@Override
	public ScoreRange scoreRange() {
		return ScoreRange.UNIT;
	}

	/** The tiny random-weight CLIP, two epochs: seconds on two cores. */
	@Override
	public Map<String, String> quickSettings() {
		return Map.of("preset", "tiny", "epochs", "2");
	}

	@Override
	public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor)
			throws MedadException {
		throw new UsageException("mvfa learns from labelled shots: train it on a data set with a valid/ split"
				+ " (medad train --data DIR --shots K)");
	}

	@Override
	public TrainedModel train(TrainingData data, Settings settings, long seed, ProgressMonitor monitor,
			TrainingCheckpoints checkpoints) throws MedadException {
		settings = withStart(settings);
		MvfaConfig c = config(settings);
		ComputeDevice device = compute.preferred();
		NDManager m = compute.newManager(device);
		try {
			compute.seed(seed);
			return new MvfaFitting(compute, c, m, monitor).fit(data, settings, seed, checkpoints, device);
		} catch (MedadException | RuntimeException e) {
			m.close();
			throw e;
		}
	}

	/**
	 * A start package fixes the networks: its preset, architecture and levels replace the run's, whose other settings
	 * (data set, object, protocol, epochs, rate) stay.
	 */
	static Settings withStart(Settings settings) throws MedadException {
		String start = settings.getString(MvfaSettings.START);
		if (start.isEmpty()) {
			return settings;
		}
		ModelPackage p = ModelPackage.read(java.nio.file.Path.of(start));
		if (!p.manifest().detector().id().equals(DESCRIPTOR.id())) {
			throw new UsageException("mvfa: start=" + start + " is a " + p.manifest().detector().id() + " package, not"
					+ " an mvfa one (import an official checkpoint with medad models import --from mvfa-pth)");
		}
		Map<String, Object> values = new java.util.LinkedHashMap<>(settings.values());
		Map<String, Object> theirs = p.manifest().settings();
		for (String key : List.of(MvfaSettings.PRESET, MvfaSettings.ARCHITECTURE, MvfaSettings.LEVELS,
				MvfaSettings.INIT)) {
			if (theirs.containsKey(key)) {
				values.put(key, theirs.get(key));
			}
		}
		return MvfaSettings.SCHEMA.coerce(values);
	}

	static MvfaConfig config(Settings settings) throws UsageException {
		try {
			return MvfaConfig.of(settings);
		} catch (IllegalArgumentException e) {
			throw new UsageException("mvfa: " + e.getMessage());
		}
	}

	@Override
	public TrainedModel load(ModelPackage model) throws MedadException {
		Settings settings = MvfaSettings.SCHEMA.coerce(model.manifest().settings());
		MvfaConfig c = config(settings);
		NDManager m = compute.newManager(compute.preferred());
		try (TensorStore w = model.weights()) {
			return compute.call(() -> {
				InplantedClip net = new InplantedClip(m, c.clip().vision(), c.levels(), c.clip().embedDim());
				StateDicts.load(net, w.renamed(k -> k.startsWith("visual.") || k.contains("_adapters.") ? k : null),
						model.folder().toString());
				NDArray text = array(m, w, MvfaModel.TEXT_FEATURES);
				MemoryBank bank = null;
				if (!c.zeroShot()) {
					List<NDArray> levels = new ArrayList<>();
					for (int l = 0; l < c.levels().length; l++) {
						levels.add(array(m, w, MvfaModel.BANK + l));
					}
					bank = new MemoryBank(levels);
				}
				return new MvfaModel(DESCRIPTOR, settings, c, m, net, text, bank, Map.of(),
						model.manifest().references());
			});
		} catch (MedadException | RuntimeException e) {
			m.close();
			throw e;
		}
	}

	static NDArray array(NDManager m, TensorStore w, String name) throws ModelException {
		var t = w.tensor(name);
		return m.create(t.data(), new Shape(t.shape()));
	}
}

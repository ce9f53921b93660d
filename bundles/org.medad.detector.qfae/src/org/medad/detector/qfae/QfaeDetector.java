package org.medad.detector.qfae;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.Channels;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.TensorStore;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.medad.detector.qfae.net.QfaeNetworks;
import org.medad.nn.checkpoint.StateDicts;
import org.medad.nn.train.TrainingLoop;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.djl.ndarray.NDManager;

/**
 * QFAE (paper 000; METHODS.md §1): a frozen foundation encoder, a Q-Former bottleneck and an MAE-style decoder
 * trained to reconstruct normal images; anomalies are where a frozen MAE sees the reconstruction differ. Imports the
 * official checkpoints ({@code medad models import --from qfae-pth}) or trains on the shared loop.
 */
@Component(service = AnomalyDetector.class)
public final class QfaeDetector implements AnomalyDetector {
	static final int SIDE = 224;
	static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor("qfae", "Q-Former autoencoder (QFAE)", "0.1.0",
			LearnsFrom.NORMAL, input("0,255"),
			"Frozen DINOv2 encoder, Q-Former bottleneck, MAE-style decoder; perceptual (MAE feature) anomaly maps");

	private final ComputeService compute;

	@Activate
	public QfaeDetector(@Reference ComputeService compute) {
		this.compute = compute;
	}

	private static InputSpec input(String window) {
		return new InputSpec("axial", SIDE, Channels.RGB, List.of("window " + window, "resize " + SIDE
				+ " bilinear antialias", "normalise mean-std " + Normalisation.MEAN + "," + Normalisation.STD));
	}

	/**
	 * The liver configuration (METHODS.md 1.8): the grey slice cropped to its non-zero box on a 224 canvas and
	 * bilateral-filtered, as the reference prepares Liver_processed offline, then the same steps as the others.
	 */
	private static InputSpec liverInput(String window) {
		return new InputSpec("axial", SIDE, Channels.GREY, List.of("liver-roi " + SIDE, "rgb", "window " + window,
				"resize " + SIDE + " bilinear antialias", "normalise mean-std " + Normalisation.MEAN + ","
						+ Normalisation.STD));
	}

	@Override
	public DetectorDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public InputSpec input(Settings settings) {
		String w = settings.getString(QfaeSettings.WINDOW).strip();
		String window = w.isEmpty() ? "0,255" : w;
		return settings.getString(QfaeSettings.DATASET).equals("liver") ? liverInput(window) : input(window);
	}

	@Override
	public SettingsSchema settingsSchema() {
		return QfaeSettings.SCHEMA;
	}

	/** The tiny random-weight networks, two epochs: seconds on two cores. */
	@Override
	public Map<String, String> quickSettings() {
		return Map.of("preset", "tiny", "epochs", "2", "batch", "8", "evalLayers", "1,3", "trainLayers", "2,3");
	}

	@Override
	public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor)
			throws MedadException {
		return train(normals, settings, seed, monitor, TrainingCheckpoints.NONE);
	}

	@Override
	public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor,
			TrainingCheckpoints checkpoints) throws MedadException {
		QfaeConfig c = config(settings);
		List<ModelPackage> foundations = foundations(settings, c);
		ComputeDevice device = compute.preferred();
		NDManager m = compute.newManager(device);
		try {
			compute.seed(seed);
			QfaeNetworks nets = compute.call(() -> c.networks(m));
			if (!foundations.isEmpty()) {
				loadFoundations(nets, foundations.get(0), foundations.get(1));
			}
			compute.call(() -> {
				nets.perceptual.prepare(c.allPatches());
				return null;
			});
			TrainingLoop.Outcome o;
			try (QfaeTrainer trainer = new QfaeTrainer(nets, c, normals, seed, monitor)) {
				o = compute.call(() -> TrainingLoop.run(trainer, seed, monitor, checkpoints));
			}
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("device", device.id());
			record.putAll(o.record());
			List<ModelManifest.Reference> refs = new ArrayList<>();
			for (ModelPackage f : foundations) {
				refs.add(ModelManifest.Reference.of(f));
			}
			return new QfaeModel(DESCRIPTOR, settings, c, m, nets, record, refs);
		} catch (MedadException | RuntimeException e) {
			m.close();
			throw e;
		}
	}

	private static QfaeConfig config(Settings settings) throws UsageException {
		try {
			return QfaeConfig.of(settings);
		} catch (IllegalArgumentException e) {
			throw new UsageException("qfae: " + e.getMessage());
		}
	}

	/** The encoder and perceptual packages preset=paper trains on; none for the random-weight presets. */
	private static List<ModelPackage> foundations(Settings settings, QfaeConfig c) throws MedadException {
		String encoder = settings.getString(QfaeSettings.ENCODER);
		String perceptual = settings.getString(QfaeSettings.PERCEPTUAL);
		if (c.randomInit()) {
			if (!encoder.isEmpty() || !perceptual.isEmpty()) {
				throw new UsageException("qfae: init=random (or preset " + c.preset() + ") with encoder or perceptual"
						+ " weights given: set init=imported to train on them");
			}
			return List.of();
		}
		if (encoder.isEmpty() || perceptual.isEmpty()) {
			throw new ModelException("qfae: training preset=" + c.preset() + " needs the frozen foundation weights,"
					+ " imported once with medad models import: --from timm DINOV2_FILE --arch "
					+ c.architecture().autoencoder().encoder().name() + " --out ENC and --from timm MAE_FILE --arch "
					+ c.architecture().perceptual().name() + " --out MAE, then --set encoder=ENC --set perceptual=MAE"
					+ " (or --set preset=cpu: narrow networks from random weights, not the paper's setting; --set"
					+ " init=random keeps random weights of these sizes, for benchmarks)");
		}
		return List.of(ModelPackage.read(Path.of(encoder)), ModelPackage.read(Path.of(perceptual)));
	}

	/** The encoder under its timm names; the perceptual blocks used (its final norm and later blocks are not). */
	private void loadFoundations(QfaeNetworks nets, ModelPackage encoder, ModelPackage perceptual)
			throws MedadException {
		try (TensorStore enc = encoder.weights(); TensorStore timm = perceptual.weights()) {
			TensorStore mae = QfaeNetworks.perceptualBlocks(timm, nets.perceptual.config().depth());
			compute.call(() -> {
				StateDicts.load(nets.autoencoder.encoder, enc, encoder.folder() + " (encoder)");
				StateDicts.load(nets.perceptual, mae, perceptual.folder() + " (perceptual)");
				return null;
			});
		}
	}

	@Override
	public TrainedModel load(ModelPackage model) throws MedadException {
		Settings settings = QfaeSettings.SCHEMA.coerce(model.manifest().settings());
		QfaeConfig c = config(settings);
		NDManager m = compute.newManager(compute.preferred());
		try (TensorStore w = model.weights()) {
			QfaeNetworks nets = compute.call(() -> {
				QfaeNetworks n = c.networks(m);
				n.load(w, model.folder().toString(), c.allPatches());
				return n;
			});
			return new QfaeModel(DESCRIPTOR, settings, c, m, nets, Map.of(), model.manifest().references());
		} catch (MedadException | RuntimeException e) {
			m.close();
			throw e;
		}
	}
}

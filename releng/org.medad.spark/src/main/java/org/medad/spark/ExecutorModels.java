package org.medad.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.PackageCheck;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;
import org.medad.detector.pixelstats.PixelStatsDetector;

/**
 * The models of one executor JVM: each package opened once, lazily, on the first partition that needs
 * it, and shared by the executor's task threads (its detector calls one at a time, since a detector
 * need not be thread-safe; reading and writing cases still run in parallel). Detectors are built on the
 * plain class path, without OSGi: those that need no service.
 */
final class ExecutorModels {
	/** An opened package and its model. */
	record Opened(ModelPackage pkg, TrainedModel model) {
	}

	private static final Map<String, Opened> OPEN = new ConcurrentHashMap<>();

	private ExecutorModels() {
	}

	static Opened get(String folder) {
		return OPEN.computeIfAbsent(folder, f -> {
			try {
				return open(Path.of(f));
			} catch (MedadException e) {
				throw new IllegalStateException(e.getMessage(), e);
			}
		});
	}

	static Opened open(Path folder) throws MedadException {
		ModelPackage pkg = ModelPackage.read(folder);
		AnomalyDetector detector = detector(pkg.manifest().detector().id(), folder);
		return new Opened(pkg, new OneCallAtATime(PackageCheck.open(detector, pkg)));
	}

	/** The detectors the job builds on a plain class path. */
	static AnomalyDetector detector(String id, Path folder) throws ModelException {
		return switch (id) {
		case "pixelstats" -> new PixelStatsDetector();
		default -> throw new ModelException(folder + ": detector '" + id + "' needs the compute service (DJL), which"
				+ " the Spark job does not start on its executors yet; score it with `medad score --shard i/n` on"
				+ " each machine instead");
		};
	}

	/** A model whose detector calls are serialised: the executor's tasks share it. */
	private record OneCallAtATime(TrainedModel model) implements TrainedModel {
		@Override
		public DetectorDescriptor descriptor() {
			return model.descriptor();
		}

		@Override
		public Settings settings() {
			return model.settings();
		}

		@Override
		public AnomalyResult score(Volume slice) throws MedadException {
			synchronized (model) {
				return model.score(slice);
			}
		}

		@Override
		public List<AnomalyResult> scoreBatch(List<Volume> slices) throws MedadException {
			synchronized (model) {
				return model.scoreBatch(slices);
			}
		}

		@Override
		public Map<String, Tensor> weights() {
			return model.weights();
		}

		@Override
		public String device() {
			return model.device();
		}

		@Override
		public List<org.medad.core.model.ModelManifest.Reference> references() {
			return model.references();
		}

		@Override
		public Map<String, Object> preprocessing() {
			return model.preprocessing();
		}
	}
}

package org.medad.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.PackageCheck;
import org.medad.core.detect.SetRelativeScores;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;
import org.medad.compute.StandaloneCompute;
import org.medad.detector.liverfreq.LiverFreqDetector;
import org.medad.detector.mvfa.MvfaDetector;
import org.medad.detector.pixelstats.PixelStatsDetector;
import org.medad.detector.qfae.QfaeDetector;
import org.medad.io.format.StandardFormats;
import org.medad.run.SetParts;

/**
 * The models of one executor JVM: each package opened once, lazily, on the first partition that needs
 * it, and shared by the executor's task threads (its detector calls one at a time, since a detector
 * need not be thread-safe; reading and writing cases still run in parallel). Detectors are built on the
 * plain class path, without OSGi: the shipped ones, the neural ones on the executor's one
 * {@link StandaloneCompute} (natives from {@code PYTORCH_LIBRARY_PATH} or {@code -Dmedad.pytorch.natives}).
 */
final class ExecutorModels {
	/** An opened package and its model. */
	record Opened(ModelPackage pkg, TrainedModel model) {
	}

	private static final Map<String, Opened> OPEN = new ConcurrentHashMap<>();
	private static final Map<String, KeyedSet> FINISHED = new ConcurrentHashMap<>();

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
		return new Opened(pkg, OneCallAtATime.of(PackageCheck.open(detector, pkg)));
	}

	/**
	 * The set a set-relative model scores against, finished once per executor from the parts the driver broadcast
	 * ({@code key} names the broadcast).
	 */
	static SetParts.Finished finished(String folder, String key, Map<String, List<float[]>> parts) {
		// the latest run's set only: a long-lived executor does not keep every earlier run's parts
		return FINISHED.compute(folder, (f, old) -> old != null && old.key().equals(key) ? old
				: new KeyedSet(key, SetParts.finish(get(folder).model(), parts))).finished();
	}

	private record KeyedSet(String key, SetParts.Finished finished) {
	}

	/**
	 * The detectors the job builds on a plain class path: those the products ship. A detector installed from an
	 * update site lives in OSGi only; its models are scored with {@code medad score --shard i/n} per machine.
	 */
	static AnomalyDetector detector(String id, Path folder) throws ModelException {
		return switch (id) {
		case "pixelstats" -> new PixelStatsDetector();
		case "qfae" -> new QfaeDetector(StandaloneCompute.get());
		case "mvfa" -> new MvfaDetector(StandaloneCompute.get());
		case "liverfreq" -> new LiverFreqDetector(StandaloneCompute.get(), StandardFormats.create());
		default -> throw new ModelException(folder + ": detector '" + id + "' is not one the Spark job ships (pixelstats,"
				+ " qfae, mvfa, liverfreq); score it with `medad score --shard i/n` on each machine instead");
		};
	}

	/** A model whose detector calls are serialised: the executor's tasks share it. */
	private static class OneCallAtATime implements TrainedModel {
		final TrainedModel model;

		OneCallAtATime(TrainedModel model) {
			this.model = model;
		}

		static TrainedModel of(TrainedModel model) {
			return model instanceof SetRelativeScores set ? new OneSetCallAtATime(model, set) : new OneCallAtATime(model);
		}

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

	/** The same for a model whose scores are relative to the set: its parts and results serialised too. */
	private static final class OneSetCallAtATime extends OneCallAtATime implements SetRelativeScores {
		private final SetRelativeScores set;

		OneSetCallAtATime(TrainedModel model, SetRelativeScores set) {
			super(model);
			this.set = set;
		}

		@Override
		public List<float[]> parts(List<Volume> slices) throws MedadException {
			synchronized (model) {
				return set.parts(slices);
			}
		}

		@Override
		public SetScorer finish(List<float[]> all) {
			SetScorer scorer;
			synchronized (model) {
				scorer = set.finish(all);
			}
			return parts -> {
				synchronized (model) {
					return scorer.result(parts);
				}
			};
		}
	}
}

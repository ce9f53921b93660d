package org.medad.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.SetRelativeScores;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.MedadException;
import org.medad.core.model.ModelPackage;
import org.medad.io.format.ImageFormats;

/**
 * The two passes of a distributed run when the model's scores are relative to the whole set
 * ({@link SetRelativeScores}: MVFA normalises over every case): the workers first return each case's parts, the
 * driver gathers them in the manifest's order and hands them back to every worker, which finishes the set's
 * statistics once and scores its cases from them. The scores then equal a plain run's over the same cases,
 * whatever the partitioning; parts are the model's compact grids, so the set travels whole.
 */
public final class SetParts {
	private final CaseScorer scorer;

	public SetParts(ImageFormats formats, ModelPackage pkg, int batch) throws MedadException {
		this.scorer = CaseScorer.forPackage(formats, pkg, batch);
	}

	/** Whether {@code model} needs the first pass. */
	public static boolean needed(TrainedModel model) {
		return model instanceof SetRelativeScores;
	}

	/**
	 * A case's parts (its slices', in order); null when it cannot be read: it takes no part in the set and fails
	 * again, listed in errors.csv, when scored.
	 */
	public List<float[]> of(TrainedModel model, String id, Path image) throws MedadException {
		if (!(model instanceof SetRelativeScores set)) {
			throw new IllegalArgumentException(name(model) + " scores each case alone: no first pass");
		}
		return SetReplay.collectedAlone(model, set, id, image, scorer);
	}

	/** The set's statistics from every case's parts, in the order a plain run reads them (the manifest's). */
	public static Finished finish(TrainedModel model, Map<String, List<float[]>> parts) {
		if (!(model instanceof SetRelativeScores set)) {
			throw new IllegalArgumentException(name(model) + " scores each case alone: no set to finish");
		}
		List<float[]> all = new ArrayList<>();
		parts.values().forEach(all::addAll);
		return new Finished(model, Collections.unmodifiableMap(new LinkedHashMap<>(parts)), set.finish(all));
	}

	/** The detector's id for messages. */
	static String name(TrainedModel model) {
		return model.descriptor() == null ? "this model" : model.descriptor().id();
	}

	/** A finished set, shared by a worker's threads; each {@link CaseWorker} scores through its own {@link #model()}. */
	public static final class Finished {
		private final TrainedModel model;
		private final Map<String, List<float[]>> parts;
		private final SetRelativeScores.SetScorer scorer;

		private Finished(TrainedModel model, Map<String, List<float[]>> parts, SetRelativeScores.SetScorer scorer) {
			this.model = model;
			this.parts = parts;
			this.scorer = scorer;
		}

		/** A model handing out each case's results from the set (one per thread: it tracks the case being scored). */
		public TrainedModel model() {
			return new SetReplay(model, parts, scorer);
		}

		public int cases() {
			return parts.size();
		}
	}
}

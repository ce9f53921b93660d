package org.medad.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.SetRelativeScores;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;

/**
 * Scores a {@link SetRelativeScores} model in two passes through the same case loop: while collecting, each slice's
 * parts are kept under its case and a placeholder result goes back; once {@link #finish} has the set's statistics,
 * replaying a case hands out its slices' real results in the order they were collected. The case loop, the
 * preprocessing and the map placement stay those of every other detector.
 */
final class SetReplay implements TrainedModel {
	private static final AnomalyResult PLACEHOLDER = new AnomalyResult(0, new float[1], 1, 1);

	private final TrainedModel model;
	private final SetRelativeScores set;
	private final Map<String, List<float[]>> parts = new LinkedHashMap<>();
	private List<float[]> collecting;
	private Deque<float[]> replaying;
	private SetRelativeScores.SetScorer scorer;

	SetReplay(TrainedModel model, SetRelativeScores set) {
		this.model = model;
		this.set = set;
	}

	/** A replaying view of a set already finished elsewhere ({@link SetParts}): its parts and statistics shared. */
	SetReplay(TrainedModel model, Map<String, List<float[]>> parts, SetRelativeScores.SetScorer scorer) {
		this.model = model;
		this.set = null;
		this.parts.putAll(parts);
		this.scorer = scorer;
	}

	/** One case's parts, collected alone (the first pass of a distributed run); null when it cannot be read. */
	static List<float[]> collectedAlone(TrainedModel model, SetRelativeScores set, String caseId, Path image,
			CaseScorer scorer) throws MedadException {
		SetReplay replay = new SetReplay(model, set);
		replay.collect(caseId);
		try {
			scorer.score(replay, image);
		} catch (BadInputException e) {
			return null;
		}
		return replay.parts.get(caseId);
	}

	/**
	 * The first pass when {@code model}'s scores are relative to the set: every case's parts, then the set's
	 * statistics; null for other models. A case that fails here takes no part (and fails again when scored).
	 *
	 * @param what the cases, for the progress line ("valid", "12 cases")
	 */
	static SetReplay collected(TrainedModel model, Map<String, Path> cases, CaseScorer scorer, ProgressMonitor monitor,
			String what) throws MedadException {
		if (!(model instanceof SetRelativeScores set)) {
			return null;
		}
		SetReplay replay = new SetReplay(model, set);
		monitor.begin("Reading " + what + " first: " + model.descriptor().id() + " normalises its scores over the"
				+ " whole set", cases.size());
		for (Map.Entry<String, Path> c : cases.entrySet()) {
			monitor.checkCancelled();
			replay.collect(c.getKey());
			try {
				scorer.score(replay, c.getValue());
			} catch (BadInputException e) {
				replay.discard(c.getKey());
			}
			monitor.worked(1);
		}
		replay.finish();
		return replay;
	}

	private void collect(String caseId) {
		collecting = new ArrayList<>();
		parts.put(caseId, collecting);
	}

	/** A case that failed while collecting takes no part in the set. */
	private void discard(String caseId) {
		parts.remove(caseId);
		collecting = null;
	}

	private void finish() {
		collecting = null;
		List<float[]> all = new ArrayList<>();
		parts.values().forEach(all::addAll);
		scorer = set.finish(all);
	}

	int cases() {
		return parts.size();
	}

	void replay(String caseId) {
		List<float[]> p = parts.get(caseId);
		replaying = p == null ? null : new ArrayDeque<>(p);
	}

	@Override
	public List<AnomalyResult> scoreBatch(List<Volume> slices) throws MedadException {
		if (scorer == null) {
			if (collecting == null) {
				throw new IllegalStateException("no case being collected");
			}
			collecting.addAll(set.parts(slices));
			return java.util.Collections.nCopies(slices.size(), PLACEHOLDER);
		}
		List<AnomalyResult> out = new ArrayList<>(slices.size());
		for (int i = 0; i < slices.size(); i++) {
			float[] p = replaying == null ? null : replaying.poll();
			if (p == null) {
				throw new BadInputException("a slice of " + slices.get(i).source() + " was not read in the first pass"
						+ " (the file changed while it was scored?)");
			}
			out.add(scorer.result(p));
		}
		return out;
	}

	@Override
	public AnomalyResult score(Volume slice) throws MedadException {
		return scoreBatch(List.of(slice)).get(0);
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
	public Map<String, Tensor> weights() {
		return model.weights();
	}

	@Override
	public String device() {
		return model.device();
	}

	@Override
	public List<ModelManifest.Reference> references() {
		return model.references();
	}

	@Override
	public Map<String, Object> preprocessing() {
		return model.preprocessing();
	}
}

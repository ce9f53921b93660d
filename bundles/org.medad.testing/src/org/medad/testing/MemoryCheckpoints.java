package org.medad.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.medad.core.detect.TrainingCheckpoints;

/** Training checkpoints kept in memory: every one saved, and the one a run should resume from (none by default). */
public final class MemoryCheckpoints implements TrainingCheckpoints {
	public final List<Checkpoint> saved = new ArrayList<>();
	public Checkpoint resumeFrom;

	@Override
	public Optional<Checkpoint> resume() {
		return Optional.ofNullable(resumeFrom);
	}

	@Override
	public void save(Checkpoint checkpoint) {
		saved.add(checkpoint);
	}

	public Checkpoint last() {
		return saved.isEmpty() ? null : saved.get(saved.size() - 1);
	}
}

package org.medad.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;

/**
 * Reads and prepares a batch's cases in order on a thread of its own while the detector scores the
 * ones before, so that reading, decoding and preprocessing overlap compute. Bounded twice: at most
 * {@code maxCases} cases and {@code voxelBudget} voxels wait at a time (one case always may, however
 * large), so memory stays bounded on huge volumes. With {@code maxCases} 0 every case is prepared on
 * the caller's thread when asked for: the same results, no overlap.
 */
final class ReadAhead implements AutoCloseable {
	/** A case in order: prepared, or the reason it could not be. */
	record Item(String id, ScoringCases.Source source, CaseScorer.Prepared prepared, MedadException error) {
	}

	private final List<Map.Entry<String, ScoringCases.Source>> todo;
	private final CaseScorer scorer;
	private final int maxCases;
	private final long voxelBudget;
	private final Deque<Item> ready = new ArrayDeque<>();
	private long queuedVoxels;
	private int next; // synchronous mode: the next case to prepare
	private boolean finished;
	private Throwable failure;
	private long waitedNanos;
	private final Thread reader;

	ReadAhead(List<Map.Entry<String, ScoringCases.Source>> todo, CaseScorer scorer, int maxCases, long voxelBudget) {
		this.todo = todo;
		this.scorer = scorer;
		this.maxCases = maxCases;
		this.voxelBudget = voxelBudget;
		if (maxCases > 0) {
			reader = new Thread(this::readAll, "medad-read-ahead");
			reader.setDaemon(true);
			reader.start();
		} else {
			reader = null;
		}
	}

	/** The next case in order, or null after the last. */
	Item next() throws InterruptedException {
		if (reader == null) {
			return next < todo.size() ? prepare(todo.get(next++)) : null;
		}
		long t0 = System.nanoTime();
		synchronized (this) {
			while (ready.isEmpty() && !finished && failure == null) {
				wait();
			}
			waitedNanos += System.nanoTime() - t0;
			if (failure != null) {
				throw new IllegalStateException("reading ahead failed", failure);
			}
			if (ready.isEmpty()) {
				return null;
			}
			Item it = ready.poll();
			queuedVoxels -= voxels(it);
			notifyAll();
			return it;
		}
	}

	/** Cases read and waiting now. */
	synchronized int waiting() {
		return ready.size();
	}

	/** Seconds the caller spent waiting for a case to be read: near zero when compute is the bottleneck. */
	synchronized double waitedSeconds() {
		return waitedNanos / 1e9;
	}

	private void readAll() {
		try {
			for (Map.Entry<String, ScoringCases.Source> c : todo) {
				Item it = prepare(c);
				synchronized (this) {
					while (!ready.isEmpty() && (ready.size() >= maxCases || queuedVoxels + voxels(it) > voxelBudget)) {
						wait();
					}
					ready.add(it);
					queuedVoxels += voxels(it);
					notifyAll();
				}
			}
		} catch (InterruptedException e) {
			return; // closed early: the caller stopped
		} catch (RuntimeException | Error e) {
			synchronized (this) {
				failure = e;
				notifyAll();
			}
			return;
		}
		synchronized (this) {
			finished = true;
			notifyAll();
		}
	}

	private Item prepare(Map.Entry<String, ScoringCases.Source> c) {
		ScoringCases.Source s = c.getValue();
		if (s.problem() != null) {
			return new Item(c.getKey(), s, null, new BadInputException(s.problem()));
		}
		try {
			return new Item(c.getKey(), s, scorer.prepare(s.image(), true), null);
		} catch (MedadException e) {
			return new Item(c.getKey(), s, null, e);
		}
	}

	private static long voxels(Item it) {
		return it.prepared() == null ? 0 : it.prepared().voxels();
	}

	@Override
	public void close() {
		if (reader != null) {
			reader.interrupt();
		}
	}
}

package org.medad.run;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.medad.core.error.CancelledException;
import org.medad.core.error.MedadException;

/**
 * The end of each scored case (its 2D maps encoded and written, its mask checked, its scores.csv row) on a thread
 * of its own, in the order the cases were scored, while the detector goes on with the next ones; at most
 * {@code capacity} cases wait. A row still goes after its maps, so a resumed run sees only complete cases. The
 * first failure that is not one case's stops the rest and comes back to the scoring thread at its next step. With
 * capacity 0 every step runs at once on the caller's thread.
 */
final class CaseFinisher implements AutoCloseable {
	/** One case's end. */
	interface Step {
		void run() throws MedadException, IOException;
	}

	private final ExecutorService thread;
	private final Semaphore room;
	private volatile Throwable failure;

	CaseFinisher(int capacity) {
		this.room = new Semaphore(Math.max(1, capacity));
		this.thread = capacity <= 0 ? null : Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "medad-case-writer");
			t.setDaemon(true);
			return t;
		});
	}

	/** Queues a case's end, waiting while {@code capacity} are queued; rethrows an earlier step's failure. */
	void submit(Step step) throws MedadException, IOException {
		rethrow();
		if (thread == null) {
			step.run();
			return;
		}
		try {
			room.acquire();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		thread.execute(() -> {
			try {
				if (failure == null) {
					step.run();
				}
			} catch (Throwable t) {
				failure = t;
			} finally {
				room.release();
			}
		});
	}

	/** Waits until every queued case is finished; rethrows the first failure. */
	void drain() throws MedadException, IOException {
		if (thread != null) {
			thread.shutdown();
			try {
				while (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
					// a large map being written: keep waiting
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				thread.shutdownNow();
				throw new CancelledException();
			}
		}
		rethrow();
	}

	private void rethrow() throws MedadException, IOException {
		Failures.rethrow(failure, "finishing a case");
	}

	/** Abandons what is queued (the run failed or was cancelled): no row goes out for it. */
	@Override
	public void close() {
		if (thread != null && !thread.isTerminated()) {
			thread.shutdownNow();
			try {
				thread.awaitTermination(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}
}

package org.medad.batch.cli;

import java.io.PrintStream;

import org.medad.core.progress.ProgressMonitor;

/** Progress lines on stderr, at most one per second and one per 10% step, so logs stay readable. */
public final class ConsoleProgress implements ProgressMonitor {
	private final PrintStream err;
	private String task = "";
	private int total;
	private int done;
	private long lastPrint;
	private int lastDecile = -1;
	private long started;
	/** Work reported as already done at the start (a resumed run): not part of this run's pace. */
	private int baseline;

	public ConsoleProgress(PrintStream err) {
		this.err = err;
	}

	@Override
	public void begin(String task, int totalWork) {
		this.task = task;
		this.total = totalWork;
		this.done = 0;
		this.lastDecile = -1;
		this.started = System.nanoTime();
		this.baseline = 0;
		err.println("[medad] " + task + (totalWork > 0 ? " (" + totalWork + " steps)" : ""));
	}

	@Override
	public void worked(int units) {
		done += units;
		if (total <= 0) {
			return;
		}
		if (System.nanoTime() - started < 200_000_000L && units > 1) {
			baseline = done;
		}
		int decile = (int) (10L * done / total);
		long now = System.nanoTime();
		if (decile != lastDecile && (now - lastPrint > 1_000_000_000L || done >= total)) {
			lastDecile = decile;
			lastPrint = now;
			err.printf("[medad] %s: %d/%d (%d%%)%s%n", task, done, total, 100L * done / total, left(now));
		}
	}

	/** The time left at the pace so far, once there is a pace to go by. */
	private String left(long now) {
		if (done <= baseline || done >= total || now - started < 5_000_000_000L) {
			return "";
		}
		double s = (now - started) / 1e9 / (done - baseline) * (total - done);
		return s < 120 ? String.format(", about %.0f s left", s)
				: s < 7200 ? String.format(", about %.0f min left", s / 60)
						: String.format(", about %.1f h left", s / 3600);
	}

	@Override
	public void status(String message) {
		err.println("[medad] " + message);
	}

	@Override
	public boolean isCancelled() {
		return Thread.currentThread().isInterrupted();
	}
}

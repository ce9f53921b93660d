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

	public ConsoleProgress(PrintStream err) {
		this.err = err;
	}

	@Override
	public void begin(String task, int totalWork) {
		this.task = task;
		this.total = totalWork;
		this.done = 0;
		this.lastDecile = -1;
		err.println("[medad] " + task + (totalWork > 0 ? " (" + totalWork + " steps)" : ""));
	}

	@Override
	public void worked(int units) {
		done += units;
		if (total <= 0) {
			return;
		}
		int decile = (int) (10L * done / total);
		long now = System.nanoTime();
		if (decile != lastDecile && (now - lastPrint > 1_000_000_000L || done >= total)) {
			lastDecile = decile;
			lastPrint = now;
			err.printf("[medad] %s: %d/%d (%d%%)%n", task, done, total, 100L * done / total);
		}
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

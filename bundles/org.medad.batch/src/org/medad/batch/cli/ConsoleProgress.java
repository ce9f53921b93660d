package org.medad.batch.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.medad.core.progress.ProgressMonitor;

/**
 * Progress on stderr. On a terminal, one bar redrawn in place (at most 4 times a second) with the count,
 * the rate and the time left; in logs and pipes, plain lines, at most one per second and one per 10%
 * step, so logs stay readable. Status messages go on their own lines in both.
 */
public final class ConsoleProgress implements ProgressMonitor {
	private static final int BAR = 28;

	private final PrintStream err;
	private final boolean terminal;
	private String task = "";
	private int total;
	private int done;
	private long lastPrint;
	private int lastDecile = -1;
	private long started;
	/** Work reported as already done at the start (a resumed run): not part of this run's pace. */
	private int baseline;
	private boolean barShown;

	public ConsoleProgress(PrintStream err) {
		this(err, isTerminal());
	}

	ConsoleProgress(PrintStream err, boolean terminal) {
		this.err = err;
		this.terminal = terminal;
	}

	// synchronized: a scoring run reports finished cases from its writer thread, cancellation from its own
	@Override
	public synchronized void begin(String task, int totalWork) {
		endBar();
		this.task = task;
		this.total = totalWork;
		this.done = 0;
		this.lastDecile = -1;
		this.started = System.nanoTime();
		this.baseline = 0;
		err.println("[medad] " + task + (totalWork > 0 ? " (" + totalWork + " steps)" : ""));
	}

	@Override
	public synchronized void worked(int units) {
		done += units;
		if (total <= 0) {
			return;
		}
		long now = System.nanoTime();
		if (now - started < 200_000_000L && units > 1) {
			baseline = done;
		}
		if (terminal) {
			if (now - lastPrint > 250_000_000L || done >= total) {
				lastPrint = now;
				drawBar(now);
			}
			return;
		}
		int decile = (int) (10L * done / total);
		if (decile != lastDecile && (now - lastPrint > 1_000_000_000L || done >= total)) {
			lastDecile = decile;
			lastPrint = now;
			err.printf(Locale.ROOT, "[medad] %s: %d/%d (%d%%)%s%s%n", task, done, total, 100L * done / total,
					rate(now), left(now));
		}
	}

	private void drawBar(long now) {
		int filled = (int) ((long) BAR * done / total);
		String bar = "#".repeat(filled) + "-".repeat(BAR - filled);
		err.printf(Locale.ROOT, "\r\033[K[medad] [%s] %d/%d%s%s", bar, done, total, rate(now), left(now));
		barShown = true;
		if (done >= total) {
			endBar();
		}
		err.flush();
	}

	private void endBar() {
		if (barShown) {
			err.println();
			barShown = false;
		}
	}

	/** Steps per second of this run, once there is a pace to go by. */
	private String rate(long now) {
		double s = (now - started) / 1e9;
		if (done <= baseline || s < 1) {
			return "";
		}
		double r = (done - baseline) / s;
		return r >= 1 ? String.format(Locale.ROOT, ", %.1f/s", r) : String.format(Locale.ROOT, ", %.1f s each", 1 / r);
	}

	/** The time left at the pace so far, once there is a pace to go by. */
	private String left(long now) {
		if (done <= baseline || done >= total || now - started < 5_000_000_000L) {
			return "";
		}
		double s = (now - started) / 1e9 / (done - baseline) * (total - done);
		return s < 120 ? String.format(Locale.ROOT, ", about %.0f s left", s)
				: s < 7200 ? String.format(Locale.ROOT, ", about %.0f min left", s / 60)
						: String.format(Locale.ROOT, ", about %.1f h left", s / 3600);
	}

	@Override
	public synchronized void status(String message) {
		if (barShown) {
			err.print("\r\033[K");
			barShown = false;
		}
		err.println("[medad] " + message);
	}

	@Override
	public synchronized boolean isCancelled() {
		return Thread.currentThread().isInterrupted();
	}

	/** Whether stderr's console is a terminal ({@code Console.isTerminal}, Java 22+, where the console exists always). */
	private static boolean isTerminal() {
		java.io.Console c = System.console();
		if (c == null || System.getenv("TERM") == null || "dumb".equals(System.getenv("TERM"))) {
			return false;
		}
		try {
			return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
		} catch (ReflectiveOperationException e) {
			return true; // before Java 22 a console exists only on a terminal
		}
	}
}

package org.medad.core.progress;

import java.util.ArrayList;
import java.util.List;

/**
 * A monitor that keeps what it was told, in order: tasks begun ("begin TASK") and status lines. For a run's log
 * (the workbench's console view) and for tests that assert what a user would read. Never cancelled.
 */
public final class ProgressLog implements ProgressMonitor {
	private final List<String> lines = new ArrayList<>();

	@Override
	public synchronized void begin(String task, int totalWork) {
		lines.add("begin " + task);
	}

	@Override
	public void worked(int units) {
	}

	@Override
	public synchronized void status(String message) {
		lines.add(message);
	}

	@Override
	public boolean isCancelled() {
		return false;
	}

	public synchronized List<String> lines() {
		return List.copyOf(lines);
	}

	public synchronized void clear() {
		lines.clear();
	}
}

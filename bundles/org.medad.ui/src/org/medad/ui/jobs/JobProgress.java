package org.medad.ui.jobs;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.ui.train.TrainingCurves;

/**
 * The workflows' {@link ProgressMonitor} on an Eclipse Job's monitor: the task and its work go to the Progress view
 * (and its Cancel button back to the run), status lines to the part's log, curve points to its chart.
 */
public final class JobProgress implements ProgressMonitor {
	private final IProgressMonitor job;
	private final Consumer<String> log;
	private final TrainingCurves curves;

	public JobProgress(IProgressMonitor job, Consumer<String> log, TrainingCurves curves) {
		this.job = job;
		this.log = log;
		this.curves = curves;
	}

	@Override
	public void begin(String task, int totalWork) {
		job.beginTask(task, totalWork < 0 ? IProgressMonitor.UNKNOWN : totalWork);
		log.accept(task);
	}

	@Override
	public void worked(int units) {
		job.worked(units);
	}

	@Override
	public void status(String message) {
		job.subTask(message);
		log.accept(message);
	}

	@Override
	public boolean isCancelled() {
		return job.isCanceled();
	}

	@Override
	public void curve(String name, long step, double value) {
		if (curves != null) {
			curves.add(name, step, value);
		}
	}
}

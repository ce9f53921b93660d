package org.medad.ui.install;

import java.util.function.BiConsumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ProgressMonitorWrapper;

/**
 * A Job's monitor that also reports to a dialog's own progress bar: the fraction done and the current task, handed
 * to {@code show} from the Job's thread (the dialog moves them onto the UI thread).
 */
final class UiProgress extends ProgressMonitorWrapper {
	private final BiConsumer<Double, String> show;
	private double total = 1;
	private double done;
	private String task = "";

	UiProgress(IProgressMonitor job, BiConsumer<Double, String> show) {
		super(job);
		this.show = show;
	}

	@Override
	public void beginTask(String name, int totalWork) {
		super.beginTask(name, totalWork);
		total = totalWork <= 0 ? 1 : totalWork;
		done = 0;
		task = name == null ? "" : name;
		show.accept(0.0, task);
	}

	@Override
	public void worked(int work) {
		super.worked(work);
		add(work);
	}

	@Override
	public void internalWorked(double work) {
		super.internalWorked(work);
		add(work);
	}

	private void add(double work) {
		done += work;
		show.accept(Math.min(1, done / total), task);
	}

	@Override
	public void subTask(String name) {
		super.subTask(name);
		if (name != null && !name.isBlank()) {
			task = name;
			show.accept(Math.min(1, done / total), task);
		}
	}

	@Override
	public void setTaskName(String name) {
		super.setTaskName(name);
		task = name == null ? "" : name;
	}
}

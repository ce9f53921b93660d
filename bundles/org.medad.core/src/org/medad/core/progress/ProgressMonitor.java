package org.medad.core.progress;

import org.medad.core.error.CancelledException;

/**
 * Progress and cancellation for long work (training, batch scoring). Implementations bridge to the
 * command line's progress lines or to an Eclipse Job's monitor; detectors only talk to this.
 */
public interface ProgressMonitor {

	/** Starts a task of {@code totalWork} units (or -1 when unknown). */
	void begin(String task, int totalWork);

	void worked(int units);

	/** A status line, e.g. "epoch 3/20 loss 0.0421". */
	void status(String message);

	boolean isCancelled();

	/**
	 * A point of a training curve after optimiser step {@code step} (1-based): "loss", "epoch loss", a loss term
	 * ("loss: mse"), the learning rate ("lr"). For the workbench's live chart; the command line ignores it.
	 */
	default void curve(String name, long step, double value) {
	}

	/** Throws when the user cancelled; detectors call this between steps. */
	default void checkCancelled() throws CancelledException {
		if (isCancelled()) {
			throw new CancelledException();
		}
	}

	ProgressMonitor NULL = new ProgressMonitor() {
		@Override
		public void begin(String task, int totalWork) {
		}

		@Override
		public void worked(int units) {
		}

		@Override
		public void status(String message) {
		}

		@Override
		public boolean isCancelled() {
			return false;
		}
	};
}

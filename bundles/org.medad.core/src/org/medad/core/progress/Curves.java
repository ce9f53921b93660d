package org.medad.core.progress;

/** The names of the training curves every neural detector reports through {@link ProgressMonitor#curve}. */
public final class Curves {
	/** The loss of each optimiser step. */
	public static final String LOSS = "loss";
	/** The mean step loss of each epoch, at the epoch's last step. */
	public static final String EPOCH_LOSS = "epoch loss";
	/** The learning rate the step used; plotted on its own axis. */
	public static final String LEARNING_RATE = "lr";
	/** Prefix of a loss term ("loss: mse"). */
	public static final String TERM = "loss: ";

	private Curves() {
	}
}

package org.medad.run;

import org.medad.core.progress.ProgressMonitor;
import org.medad.io.format.ImageFormats;

/**
 * The entry to the workflows for their callers (command line, workbench, a distributed worker): train, score and
 * evaluate on the image formats given. Inside OSGi it is a DS service wired to the installed formats; without a
 * framework construct it with {@code new Workflows(StandardFormats.create())}.
 */
public class Workflows {
	/** Slices of a volume per call to the detector unless the caller says otherwise. */
	public static final int DEFAULT_BATCH = CaseScorer.DEFAULT_BATCH;

	private final ImageFormats formats;

	public Workflows(ImageFormats formats) {
		this.formats = formats;
	}

	public ImageFormats formats() {
		return formats;
	}

	public TrainingRun training(ProgressMonitor monitor) {
		return new TrainingRun(formats, monitor);
	}

	/** {@code batch}: slices of a volume per call to the detector. */
	public ScoringRun scoring(ProgressMonitor monitor, int batch) {
		return new ScoringRun(formats, monitor, batch);
	}

	/** {@code batch}: slices of a volume per call to the detector. */
	public Evaluation evaluation(ProgressMonitor monitor, int batch) {
		return new Evaluation(formats, monitor, batch);
	}
}

package org.medad.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.format.ImageFormats;

/**
 * One run's scoring of prepared cases, a row in scores.csv per case scored, in order. Each case's end (2D maps,
 * mask check, row) goes to the {@link CaseFinisher}'s thread, which alone touches the rows, the errors and the
 * counts until {@link #finish}.
 */
final class ScoringLoop implements AutoCloseable {
	private final TrainedModel model;
	private final CaseScorer scorer;
	private final MapWriter maps;
	private final Path out;
	private final Writer rows;
	private final Double threshold;
	private final SetReplay replay;
	private final List<CaseError> errors;
	private final CaseFinisher finisher;
	int scored;
	volatile boolean stopped;

	private final ProgressMonitor monitor;
	private final boolean failFast;
	private final ImageFormats formats;

	ScoringLoop(TrainedModel model, CaseScorer scorer, MapWriter maps, Path out, Writer rows, Double threshold,
			SetReplay replay, List<CaseError> errors, ProgressMonitor monitor, boolean failFast, ImageFormats formats,
			int finishing) {
		this.finisher = new CaseFinisher(finishing);
		this.monitor = monitor;
		this.failFast = failFast;
		this.formats = formats;
		this.model = model;
		this.scorer = scorer;
		this.maps = maps;
		this.out = out;
		this.rows = rows;
		this.threshold = threshold;
		this.replay = replay;
		this.errors = errors;
	}

	void one(ReadAhead.Item it) throws MedadException, IOException {
		long t0 = System.nanoTime();
		try {
			if (it.error() != null) {
				throw it.error();
			}
			if (replay != null) {
				replay.replay(it.id());
			}
			double score = scorer.scoreInto(model, it.prepared(), MapWriter.base(out, it.id()), maps);
			double seconds = (System.nanoTime() - t0) / 1e9;
			finisher.submit(() -> {
				try {
					done(it, score, seconds);
				} catch (BadInputException e) {
					fail(it.id(), e);
				}
			});
		} catch (BadInputException e) {
			finisher.submit(() -> fail(it.id(), e));
		}
	}

	/** Single slices of consecutive cases in one detector call; a call that fails is retried case by case. */
	void slices(List<ReadAhead.Item> items) throws MedadException, IOException {
		if (items.isEmpty() || stopped) {
			return;
		}
		long t0 = System.nanoTime();
		List<CaseScorer.Scored> scored;
		try {
			scored = scorer.scoreSlices(model, items.stream().map(ReadAhead.Item::prepared).toList());
		} catch (BadInputException e) {
			for (ReadAhead.Item it : items) {
				if (!stopped) {
					one(it);
				}
			}
			return;
		}
		double each = (System.nanoTime() - t0) / 1e9 / items.size();
		for (int i = 0; i < items.size() && !stopped; i++) {
			ReadAhead.Item it = items.get(i);
			CaseScorer.Scored s = scored.get(i);
			finisher.submit(() -> {
				long t1 = System.nanoTime();
				try {
					scorer.writeMap(s, MapWriter.base(out, it.id()), maps);
					done(it, s.score(), each + (System.nanoTime() - t1) / 1e9);
				} catch (BadInputException e) {
					fail(it.id(), e);
				}
			});
		}
	}

	/** Waits for every case's end; afterwards {@link #scored}, {@link #stopped} and the errors are final. */
	void finish() throws MedadException, IOException {
		finisher.drain();
	}

	@Override
	public void close() {
		finisher.close();
	}

	/** On the finisher's thread: a case that comes after a fail-fast stop is left unfinished (not in scores.csv). */
	private void done(ReadAhead.Item it, double score, double seconds) throws BadInputException, IOException {
		if (stopped) {
			return;
		}
		if (it.source().mask() != null) {
			ScoringRun.checkMask(formats, it.source());
		}
		boolean pred = threshold != null && score >= threshold;
		rows.write(Csv.line(it.id(), score, pred ? 1 : 0, seconds));
		rows.flush(); // the row marks the case complete: it goes last, whole
		scored++;
		monitor.worked(1);
	}

	private void fail(String id, MedadException e) throws MedadException {
		if (stopped) {
			return;
		}
		if (!(e instanceof BadInputException)) {
			throw e; // a model or internal problem is not one case's fault: stop the run
		}
		errors.add(new CaseError(id, e.getMessage()));
		monitor.status("failed " + id + ": " + e.getMessage());
		monitor.worked(1);
		stopped = failFast;
	}
}

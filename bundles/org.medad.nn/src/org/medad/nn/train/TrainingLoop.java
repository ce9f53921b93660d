package org.medad.nn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.progress.Curves;
import org.medad.core.progress.ProgressMonitor;

/**
 * The epoch loop every neural detector shares: a shuffled order per epoch from that epoch's own generator (so a run
 * resumed from an epoch checkpoint draws what the unbroken run drew), a checkpoint after each epoch, {@code --resume}
 * from the last one, a time limit, cancellation between steps and progress with the loss per epoch. The detector
 * supplies its step, its state and its schedules ({@link Method}).
 */
public final class TrainingLoop {
	private TrainingLoop() {
	}

	/** What a detector's training brings to the loop. */
	public interface Method {
		/** Name in the progress task ("Training liverfreq"). */
		String name();

		int epochs();

		/** Training samples; an epoch visits each once in its own shuffled order. */
		int samples();

		int batch();

		/**
		 * Drops the last incomplete batch of each epoch (PyTorch's {@code drop_last=True}); with fewer samples than
		 * a batch, the epoch is one step over all of them.
		 */
		default boolean dropLast() {
			return false;
		}

		/** Stop after this many minutes (0 = no limit); the epoch under way is not checkpointed. */
		double maxMinutes();

		/** Puts the weights and optimiser back from {@code checkpoint}, taken after {@code progress.epochs()}. */
		void restore(TrainingCheckpoints.Checkpoint checkpoint, Progress progress) throws MedadException;

		/** Once, before the first step and after any restore: forecasts, warm-ups. */
		default void beforeFirstStep(long remainingSteps, boolean resumed) throws MedadException {
		}

		/** Enters (true) or leaves (false) training mode: gradients on, batch statistics. */
		void train(boolean on) throws MedadException;

		/** One optimiser step on samples {@code order[from ..]} (at most {@link #batch()}); returns its loss. */
		float step(int epoch, int[] order, int from, Random random) throws MedadException;

		/** What the epoch's status line adds after the loss (", alpha 0.95, 0.50 s/step"). */
		default String epochNote(int epoch, int steps, double seconds) {
			return String.format(java.util.Locale.ROOT, ", %.2f s/step", seconds / steps);
		}

		/**
		 * What the live chart plots after each step besides the loss: the learning rate the step used ({@link Curves#LEARNING_RATE}),
		 * the loss terms ({@link Curves#TERM} + name). Read after {@link #step}; cheap (values the step already holds).
		 */
		default Map<String, Double> stepCurves() {
			return Map.of();
		}

		/** The state to continue from after {@code progress.epochs()} epochs. */
		TrainingCheckpoints.Checkpoint checkpoint(Progress progress) throws MedadException;
	}

	/** The counters a checkpoint carries besides weights and optimiser moments. */
	public record Progress(int epochs, int steps, double seconds, List<Double> epochLoss) {

		public Map<String, Object> toMap() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("epochs", epochs);
			m.put("steps", steps);
			m.put("seconds", seconds);
			m.put("epochLoss", List.copyOf(epochLoss));
			return m;
		}

		public static Progress of(Map<String, Object> m, String what) throws ModelException {
			try {
				List<Double> losses = new ArrayList<>();
				for (Object o : (List<?>) m.get("epochLoss")) {
					losses.add(((Number) o).doubleValue());
				}
				return new Progress(((Number) m.get("epochs")).intValue(), ((Number) m.get("steps")).intValue(),
						((Number) m.get("seconds")).doubleValue(), losses);
			} catch (ClassCastException | NullPointerException e) {
				throw new ModelException(what + " checkpoint: progress record is incomplete: " + m);
			}
		}
	}

	/** What a run did, for model.json and the logs. */
	public record Outcome(int epochs, int steps, double seconds, List<Double> epochLoss, boolean stoppedByTime,
			int resumedAtEpoch) {

		/** The run as model.json's preprocessing.training records it. */
		public Map<String, Object> record() {
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("epochs", epochs);
			r.put("steps", steps);
			r.put("seconds", seconds);
			r.put("stoppedByTimeLimit", stoppedByTime);
			r.put("epochLoss", epochLoss);
			r.put("resumedAfterEpoch", resumedAtEpoch);
			return r;
		}
	}

	public static Outcome run(Method m, long seed, ProgressMonitor monitor, TrainingCheckpoints checkpoints)
			throws MedadException {
		int n = m.samples();
		int perEpoch = m.dropLast() ? Math.max(1, n / m.batch()) : stepsPerEpoch(n, m.batch());
		int epoch = 0;
		int steps = 0;
		double before = 0;
		List<Double> epochLoss = new ArrayList<>();
		Optional<TrainingCheckpoints.Checkpoint> resumed = checkpoints.resume();
		if (resumed.isPresent()) {
			Progress p = Progress.of(resumed.get().progress(), m.name());
			m.restore(resumed.get(), p);
			epoch = p.epochs();
			steps = p.steps();
			before = p.seconds();
			epochLoss.addAll(p.epochLoss());
		}
		int total = perEpoch * m.epochs();
		m.beforeFirstStep(total - (long) epoch * perEpoch, resumed.isPresent());
		m.train(true);
		long start = System.nanoTime();
		int resumedAt = epoch;
		boolean byTime = false;
		monitor.begin("Training " + m.name() + " (" + m.epochs() + " epochs of " + perEpoch + " steps)", total);
		monitor.worked(epoch * perEpoch);
		for (int e = 0; e < epochLoss.size(); e++) { // a resumed run's chart starts with the epochs already done
			monitor.curve(Curves.EPOCH_LOSS, (long) (e + 1) * perEpoch, epochLoss.get(e));
		}
		try {
			for (; epoch < m.epochs() && !byTime; epoch++) {
				Random random = new Random(epochSeed(seed, epoch));
				int[] order = shuffle(n, random);
				double sum = 0;
				int done = 0;
				long epochStart = System.nanoTime();
				for (int b = 0; b < perEpoch; b++) {
					monitor.checkCancelled();
					float loss = m.step(epoch, order, b * m.batch(), random);
					sum += loss;
					done++;
					steps++;
					monitor.curve(Curves.LOSS, steps, loss);
					for (var c : m.stepCurves().entrySet()) {
						monitor.curve(c.getKey(), steps, c.getValue());
					}
					monitor.worked(1);
					if (m.maxMinutes() > 0 && (System.nanoTime() - start) / 6e10 > m.maxMinutes()) {
						byTime = true;
						break;
					}
				}
				epochLoss.add(sum / done);
				monitor.curve(Curves.EPOCH_LOSS, steps, sum / done);
				monitor.status(String.format(java.util.Locale.ROOT, "epoch %d: loss %.4f", epoch + 1, sum / done)
						+ m.epochNote(epoch, done, (System.nanoTime() - epochStart) / 1e9));
				if (!byTime) {
					checkpoints.save(m.checkpoint(new Progress(epoch + 1, steps,
							before + (System.nanoTime() - start) / 1e9, epochLoss)));
				}
			}
		} finally {
			m.train(false);
		}
		return new Outcome(epoch, steps, before + (System.nanoTime() - start) / 1e9, epochLoss, byTime, resumedAt);
	}

	/** Optimiser steps in an epoch over {@code samples} in batches of {@code batch} (the last one may be short). */
	public static int stepsPerEpoch(int samples, int batch) {
		return Math.max(1, (samples + batch - 1) / batch);
	}

	/** The generator of one epoch: independent of how many epochs ran in this process. */
	public static long epochSeed(long seed, int epoch) {
		return seed * 0x9E3779B97F4A7C15L + epoch;
	}

	static int[] shuffle(int n, Random r) {
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		for (int i = n - 1; i > 0; i--) {
			int j = r.nextInt(i + 1);
			int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		return order;
	}
}

package org.medad.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.CancelledException;
import org.medad.core.model.Tensor;
import org.medad.core.progress.Curves;
import org.medad.core.progress.ProgressLog;
import org.medad.core.progress.ProgressMonitor;

/** The shared loop: epochs and steps, a checkpoint per epoch, an exact resume, the time limit, cancellation. */
class TrainingLoopTest {

	/** A "model" of one number: each step adds the samples it sees and a draw from the epoch's generator. */
	private static final class Sum implements TrainingLoop.Method {
		final int epochs;
		final List<String> seen = new ArrayList<>();
		double state;
		boolean training;

		Sum(int epochs) {
			this.epochs = epochs;
		}

		@Override
		public String name() {
			return "sum";
		}

		@Override
		public int epochs() {
			return epochs;
		}

		@Override
		public int samples() {
			return 10;
		}

		@Override
		public int batch() {
			return 4;
		}

		@Override
		public double maxMinutes() {
			return 0;
		}

		@Override
		public void restore(TrainingCheckpoints.Checkpoint checkpoint, TrainingLoop.Progress progress) {
			state = checkpoint.weights().get("state").data()[0];
		}

		@Override
		public void train(boolean on) {
			training = on;
		}

		@Override
		public float step(int epoch, int[] order, int from, Random random) {
			assertTrue(training, "steps run in training mode");
			StringBuilder b = new StringBuilder(epoch + ":");
			for (int i = from; i < Math.min(order.length, from + batch()); i++) {
				b.append(order[i]).append(' ');
				state += order[i];
			}
			state += random.nextInt(100);
			seen.add(b.toString().trim());
			return (float) state;
		}

		@Override
		public Map<String, Double> stepCurves() {
			return Map.of("lr", 0.5 * seen.size());
		}

		@Override
		public TrainingCheckpoints.Checkpoint checkpoint(TrainingLoop.Progress progress) {
			return new TrainingCheckpoints.Checkpoint(Map.of("state", Tensor.of(new float[] { (float) state }, 1)),
					Map.of(), Map.of(), progress.toMap());
		}
	}

	/** Keeps the last checkpoint in memory. */
	private static final class Memory implements TrainingCheckpoints {
		Checkpoint last;
		int saves;

		@Override
		public Optional<Checkpoint> resume() {
			return Optional.ofNullable(last);
		}

		@Override
		public void save(Checkpoint checkpoint) {
			last = checkpoint;
			saves++;
		}
	}

	@Test
	void epochsVisitEverySampleOnceAndCheckpointEachEpoch() throws Exception {
		Sum m = new Sum(3);
		Memory cps = new Memory();
		ProgressLog log = new ProgressLog();
		TrainingLoop.Outcome o = TrainingLoop.run(m, 7, log, cps);
		assertEquals(3, o.epochs());
		assertEquals(9, o.steps(), "3 steps of at most 4 over 10 samples, 3 epochs");
		assertEquals(3, cps.saves);
		assertEquals(3, o.epochLoss().size());
		assertTrue(!m.training, "training mode is left at the end");
		for (int e = 0; e < 3; e++) {
			String samples = String.join(" ", m.seen.subList(3 * e, 3 * e + 3)).replaceAll("\\d+:", " ").trim();
			int[] visited = java.util.Arrays.stream(samples.split("\\s+")).mapToInt(Integer::parseInt).sorted()
					.toArray();
			assertArrayEquals(new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, visited, "epoch " + e + ": " + m.seen);
		}
		assertTrue(log.lines().contains("begin Training sum (3 epochs of 3 steps)"), log.lines().toString());
		assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("epoch 3: loss ")), log.lines().toString());
	}

	@Test
	void aResumedRunContinuesExactlyAsTheUnbrokenOne() throws Exception {
		Sum unbroken = new Sum(3);
		TrainingLoop.run(unbroken, 42, ProgressMonitor.NULL, TrainingCheckpoints.NONE);

		Memory cps = new Memory();
		Sum first = new Sum(1); // a run stopped after its first epoch...
		TrainingLoop.run(first, 42, ProgressMonitor.NULL, cps);
		Sum resumed = new Sum(3); // ...continued in a new process
		TrainingLoop.Outcome o = TrainingLoop.run(resumed, 42, ProgressMonitor.NULL, cps);
		assertEquals(1, o.resumedAtEpoch());
		assertEquals(9, o.steps(), "step count carried over");
		assertEquals(unbroken.seen.subList(3, 9), resumed.seen, "the same orders and draws after the resume");
		assertEquals(unbroken.state, resumed.state, 0.0);
	}

	/** Records the curve points it is given, as "name@step=value". */
	private static final class Recorder implements ProgressMonitor {
		final List<String> points = new ArrayList<>();
		final List<Double> losses = new ArrayList<>();

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

		@Override
		public void curve(String name, long step, double value) {
			points.add(name + "@" + step + "=" + value);
			if (name.equals(Curves.LOSS)) {
				losses.add(value);
			}
		}

		List<String> named(String name) {
			return points.stream().filter(p -> p.startsWith(name + "@")).toList();
		}
	}

	@Test
	void theLiveChartGetsEachStepsLossTheMethodsCurvesAndEachEpochsMean() throws Exception {
		Sum m = new Sum(2);
		Recorder curves = new Recorder();
		TrainingLoop.Outcome o = TrainingLoop.run(m, 3, curves, TrainingCheckpoints.NONE);
		assertEquals(6, curves.losses.size(), curves.points.toString());
		assertEquals(List.of("lr@1=0.5", "lr@2=1.0", "lr@3=1.5", "lr@4=2.0", "lr@5=2.5", "lr@6=3.0"), curves.named("lr"));
		double first = (curves.losses.get(0) + curves.losses.get(1) + curves.losses.get(2)) / 3;
		assertEquals(first, o.epochLoss().get(0), 1e-9, "the epoch loss is the mean of its steps' losses");
		assertEquals(List.of("epoch loss@3=" + o.epochLoss().get(0), "epoch loss@6=" + o.epochLoss().get(1)), curves
				.named(Curves.EPOCH_LOSS));

		Memory cps = new Memory();
		TrainingLoop.run(new Sum(1), 3, ProgressMonitor.NULL, cps);
		Recorder resumed = new Recorder();
		TrainingLoop.run(new Sum(2), 3, resumed, cps);
		assertEquals("epoch loss@3=" + o.epochLoss().get(0), resumed.points.get(0),
				"a resumed run's chart starts with the epochs before the interruption");
		assertEquals(3, resumed.losses.size(), "then the steps of the epoch it runs: " + resumed.points);
		assertTrue(resumed.named(Curves.LOSS).get(0).startsWith("loss@4="), resumed.points.toString());
	}

	@Test
	void cancellationStopsBetweenStepsAndLeavesTrainingMode() {
		Sum m = new Sum(3);
		ProgressMonitor cancelled = new ProgressMonitor() {
			int worked;

			@Override
			public void begin(String task, int totalWork) {
			}

			@Override
			public void worked(int units) {
				worked += units;
			}

			@Override
			public void status(String message) {
			}

			@Override
			public boolean isCancelled() {
				return worked >= 2;
			}
		};
		assertThrows(CancelledException.class, () -> TrainingLoop.run(m, 1, cancelled, TrainingCheckpoints.NONE));
		assertEquals(2, m.seen.size());
		assertTrue(!m.training);
	}
}

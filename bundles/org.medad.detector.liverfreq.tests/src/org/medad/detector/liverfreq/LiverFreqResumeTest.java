package org.medad.detector.liverfreq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medad.core.detect.TrainedModel;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.CancelledException;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.testing.MemoryCheckpoints;
import org.medad.core.settings.Settings;

/** A run stopped after an epoch and resumed from its checkpoint ends with exactly the weights of an unbroken run. */
class LiverFreqResumeTest {

	@BeforeAll
	static void service() throws Exception {
		LiverFreqTrainingTest.service();
	}

	/** Keeps every checkpoint in memory; resumes from the last. */
	/** Cancels once {@code steps} units of training work are reported. */
	static ProgressMonitor cancelAfter(int steps) {
		return new ProgressMonitor() {
			int done;
			boolean training;

			@Override
			public void begin(String task, int total) {
				training = task.startsWith("Training");
				done = 0;
			}

			@Override
			public void worked(int units) {
				if (training) {
					done += units;
				}
			}

			@Override
			public void status(String message) {
			}

			@Override
			public boolean isCancelled() {
				return training && done >= steps;
			}
		};
	}

	@Test
	void resumedRunEqualsUnbrokenRun() throws Exception {
		Settings settings = LiverFreqTrainingTest.tiny(Map.of("epochs", 3));
		MemoryCheckpoints unbroken = new MemoryCheckpoints();
		Map<String, Tensor> expected;
		try (TrainedModel m = LiverFreqTrainingTest.detector.train(LiverFreqTrainingTest.slices(8, false), settings, 5,
				ProgressMonitor.NULL, unbroken)) {
			expected = m.weights();
		}
		assertEquals(3, unbroken.saved.size(), "one checkpoint per epoch");

		MemoryCheckpoints broken = new MemoryCheckpoints();
		// 8 slices at batch 4 = 2 steps per epoch: stop during epoch 2
		assertThrows(CancelledException.class, () -> LiverFreqTrainingTest.detector.train(
				LiverFreqTrainingTest.slices(8, false), settings, 5, cancelAfter(3), broken));
		assertEquals(1, broken.saved.size(), "only the finished epoch is kept");
		TrainingCheckpoints.Checkpoint first = broken.saved.get(0);
		assertEquals(1, ((Number) first.progress().get("epochs")).intValue());
		assertEquals(2, ((Number) first.progress().get("steps")).intValue());
		assertTrue(first.optimizer().containsKey("mean.net.seg.outc.weight"), first.optimizer().keySet().toString());
		same(unbroken.saved.get(0).weights(), first.weights(), "epoch 1 weights");
		same(unbroken.saved.get(0).optimizer(), first.optimizer(), "epoch 1 optimiser state");
		assertEquals(unbroken.saved.get(0).progress().get("epochLoss"), first.progress().get("epochLoss"));

		broken.resumeFrom = first;
		try (TrainedModel m = LiverFreqTrainingTest.detector.train(LiverFreqTrainingTest.slices(8, false), settings, 5,
				ProgressMonitor.NULL, broken)) {
			assertEquals(3, broken.saved.size(), "epochs 2 and 3 checkpointed after the resume");
			same(unbroken.saved.get(1).optimizer(), broken.saved.get(1).optimizer(), "epoch 2 optimiser state");
			same(unbroken.saved.get(1).weights(), broken.saved.get(1).weights(), "epoch 2 weights");
			same(expected, m.weights(), "final weights");
			@SuppressWarnings("unchecked")
			Map<String, Object> record = (Map<String, Object>) m.preprocessing().get("training");
			assertEquals(1, record.get("resumedAfterEpoch"));
			assertEquals(3, ((List<?>) record.get("epochLoss")).size(), "losses of the first run carried over");
		}
	}

	private static void same(Map<String, Tensor> expected, Map<String, Tensor> actual, String what) {
		assertEquals(expected.keySet(), actual.keySet(), what);
		for (String name : expected.keySet()) {
			assertArrayEquals(expected.get(name).data(), actual.get(name).data(), 0f, what + ": " + name);
		}
	}

	@Test
	void checkpointOfOtherDataIsRefused() throws Exception {
		Settings settings = LiverFreqTrainingTest.tiny(Map.of("epochs", 1));
		MemoryCheckpoints kept = new MemoryCheckpoints();
		try (TrainedModel m = LiverFreqTrainingTest.detector.train(LiverFreqTrainingTest.slices(8, false), settings, 5,
				ProgressMonitor.NULL, kept)) {
			// trained
		}
		Map<String, Tensor> weights = new LinkedHashMap<>(kept.saved.get(0).weights());
		weights.put("scale", Tensor.of(new float[] { 12345f }, 1));
		kept.resumeFrom = new TrainingCheckpoints.Checkpoint(weights, Map.of(), kept.saved.get(0).optimizer(),
				kept.saved.get(0).progress());
		var e = assertThrows(org.medad.core.error.ModelException.class, () -> LiverFreqTrainingTest.detector.train(
				LiverFreqTrainingTest.slices(8, false), settings, 5, ProgressMonitor.NULL, kept));
		assertTrue(e.getMessage().contains("intensity scale"), e.getMessage());
	}
}

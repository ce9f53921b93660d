package org.medad.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medad.compute.MemoryMeter;
import org.medad.core.error.ResourceException;
import org.medad.core.progress.ProgressLog;

/** The forecast extrapolates measured steps linearly and stops a run that would not fit, with the way out. */
class TrainingForecastTest {
	private static final long MB = 1L << 20;

	/** A device whose steps take 100 MB plus 50 MB per sample above a 1 GB baseline. */
	private static class FakeMeter implements MemoryMeter {
		long inUse = 1024 * MB;
		long peak = inUse;
		long available;

		FakeMeter(long available) {
			this.available = available;
		}

		void step(int batch) {
			peak = Math.max(peak, inUse + 100 * MB + batch * 50 * MB);
		}

		@Override
		public void resetPeak() {
			peak = inUse;
		}

		@Override
		public long peakBytes() {
			return peak;
		}

		@Override
		public long inUseBytes() {
			return inUse;
		}

		@Override
		public long availableBytes() {
			return available;
		}

		@Override
		public String where() {
			return "cpu";
		}
	}

	@Test
	void stepsOfOneAndTwoGiveTheFixedAndPerSampleMemory() throws Exception {
		FakeMeter meter = new FakeMeter(8L << 30);
		List<Integer> batches = new ArrayList<>();
		StepEstimate e = StepEstimate.measure(meter, b -> {
			batches.add(b);
			meter.step(b);
		});
		assertEquals(List.of(1, 1, 2), batches, "a warm-up of one, then one and two");
		assertEquals(100 * MB, e.fixedBytes());
		assertEquals(50 * MB, e.bytesPerSample());
		assertEquals(500 * MB, e.bytes(8));
		assertEquals(8L << 30, e.availableBytes(), "what was free before the probes");
	}

	@Test
	void aRunThatFitsIsReportedWithItsTime() throws Exception {
		FakeMeter meter = new FakeMeter(8L << 30);
		StepEstimate e = new StepEstimate(1024 * MB, 8L << 30, 100 * MB, 50 * MB, 0.5, 0.25);
		TrainingForecast f = TrainingForecast.of("liverfreq", e, 24 * MB, 8, 1000, meter);
		assertEquals(524 * MB, f.peakBytes(), "a step of 8 plus the optimiser state");
		assertEquals(2500, f.seconds(), 1e-9);
		assertTrue(f.fits());
		ProgressLog log = new ProgressLog();
		f.report(log, "use --set preset=cpu", false);
		assertEquals(List.of("liverfreq forecast: about 524 MB more memory on cpu (1.0 GB in use, 8.0 GB available); 2.50 s per step"
				+ " of 8 x 1,000 steps, about 42 min"), log.lines());
	}

	@Test
	void aRunThatWouldNotFitStopsWithTheAdvice() {
		FakeMeter meter = new FakeMeter(14L << 30);
		StepEstimate e = new StepEstimate(1024 * MB, 14L << 30, 1L << 30, 2L << 30, 1, 1);
		TrainingForecast f = TrainingForecast.of("liverfreq", e, 0, 8, 100, meter);
		assertFalse(f.fits(), "17 GB of 14");
		ResourceException x = assertThrows(ResourceException.class, () -> f.report(new ProgressLog(), "use --set preset=cpu",
				false));
		assertEquals(2, x.exitCode());
		assertEquals("liverfreq: a training step of 8 needs about 17.0 GB on cpu, but only 14.0 GB is available;"
				+ " use --set preset=cpu", x.getMessage());
		assertTrue(TrainingForecast.of("liverfreq", e, 0, 5, 100, meter).fits(), "11 GB fits within 90% of 14");
	}

	@Test
	void aRunOfDaysIsWarnedAboutUnlessTimeLimited() throws Exception {
		FakeMeter meter = new FakeMeter(8L << 30);
		TrainingForecast f = TrainingForecast.of("liverfreq", new StepEstimate(1024 * MB, 8L << 30, MB, MB, 2, 1), 0, 8,
				200_000, meter);
		ProgressLog log = new ProgressLog();
		f.report(log, "use --set preset=cpu", false);
		assertEquals(2, log.lines().size());
		assertTrue(log.lines().get(1).contains("about 23.1 days") && log.lines().get(1).contains("maxMinutes"),
				log.lines().get(1));
		ProgressLog limited = new ProgressLog();
		f.report(limited, "use --set preset=cpu", true);
		assertEquals(1, limited.lines().size());
	}

	@Test
	void whereMemoryCannotBeMeasuredTheRunGoesAheadAndSaysSo() throws Exception {
		FakeMeter meter = new FakeMeter(-1) {
			@Override
			public long inUseBytes() {
				return -1;
			}
		};
		StepEstimate e = StepEstimate.measure(meter, meter::step);
		assertFalse(e.measuredMemory());
		TrainingForecast f = TrainingForecast.of("x", e, 0, 4, 10, meter);
		assertTrue(f.fits());
		assertTrue(f.summary().contains("memory not measurable here"), f.summary());
	}
}

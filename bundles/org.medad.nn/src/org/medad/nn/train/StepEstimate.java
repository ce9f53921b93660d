package org.medad.nn.train;

import org.medad.compute.MemoryMeter;
import org.medad.core.error.MedadException;

/**
 * Memory and time of one training step, measured on steps of one and two samples and taken as linear in the batch
 * size: a run at paper sizes is judged before it allocates its first full batch. Bytes are growth over
 * {@code baseBytes}, what was in use before the first probe, and compare with {@code availableBytes}, what was free
 * then (after the probes the allocator holds memory it will reuse); -1 where the system cannot measure memory.
 */
public record StepEstimate(long baseBytes, long availableBytes, long fixedBytes, long bytesPerSample,
		double fixedSeconds, double secondsPerSample) {

	/** One forward and backward pass on {@code batch} samples that leaves the model's state as it found it. */
	public interface Step {
		void run(int batch) throws MedadException;
	}

	/**
	 * Runs a warm-up step of one sample (first calls pay for allocation and kernel selection), then one of one and one
	 * of two samples, each with a fresh peak.
	 */
	public static StepEstimate measure(MemoryMeter meter, Step step) throws MedadException {
		long base = meter.inUseBytes();
		long available = meter.availableBytes();
		step.run(1);
		long[] peak = new long[3];
		double[] seconds = new double[3];
		for (int b = 1; b <= 2; b++) {
			meter.resetPeak();
			long t0 = System.nanoTime();
			step.run(b);
			seconds[b] = (System.nanoTime() - t0) / 1e9;
			peak[b] = meter.peakBytes();
		}
		double perSampleSeconds = Math.max(0, seconds[2] - seconds[1]);
		double fixedSeconds = Math.max(0, seconds[1] - perSampleSeconds);
		if (base < 0 || peak[1] < 0 || peak[2] < 0) {
			return new StepEstimate(-1, available, -1, -1, fixedSeconds, perSampleSeconds);
		}
		long perSample = Math.max(0, peak[2] - peak[1]);
		long fixed = Math.max(0, peak[1] - base - perSample);
		return new StepEstimate(base, available, fixed, perSample, fixedSeconds, perSampleSeconds);
	}

	public boolean measuredMemory() {
		return fixedBytes >= 0;
	}

	/** Extra memory a step of {@code batch} samples takes, or -1. */
	public long bytes(int batch) {
		return measuredMemory() ? fixedBytes + batch * bytesPerSample : -1;
	}

	public double seconds(int batch) {
		return fixedSeconds + batch * secondsPerSample;
	}
}

package org.medad.nn.train;

import java.util.Locale;

import org.medad.compute.MemoryMeter;
import org.medad.core.error.ResourceException;
import org.medad.core.progress.ProgressMonitor;

/**
 * What a training run will take, said before it starts: peak memory of a full step (measured, plus the optimiser
 * state it has not yet allocated) against what the device has, and the time of all steps. A run that would not fit
 * stops here with the way out, instead of swapping or being killed hours later.
 */
public record TrainingForecast(String detector, int batch, long steps, long inUseBytes, long peakBytes,
		long availableBytes, double seconds, String where) {

	/** Use at most this share of what is available: the estimate is linear and the allocator fragments. */
	static final double HEADROOM = 0.9;
	/** Beyond this a run is worth a warning about its time: two days. */
	static final double LONG_SECONDS = 2 * 86400;

	/**
	 * @param stateBytes memory the run holds beyond a step but has not yet allocated (optimiser moments)
	 */
	public static TrainingForecast of(String detector, StepEstimate step, long stateBytes, int batch, long steps,
			MemoryMeter meter) {
		long bytes = step.bytes(batch);
		return new TrainingForecast(detector, batch, steps, step.baseBytes(), bytes < 0 ? -1 : bytes + stateBytes,
				step.availableBytes(), step.seconds(batch) * steps, meter.where());
	}

	public boolean fits() {
		return peakBytes < 0 || availableBytes < 0 || peakBytes <= HEADROOM * availableBytes;
	}

	/** One line for the log: memory, time per step and in all. */
	public String summary() {
		String memory = peakBytes < 0 ? "memory not measurable here"
				: "about " + size(peakBytes) + " more memory on " + where
						+ " (" + (inUseBytes < 0 ? "" : size(inUseBytes) + " in use, ")
						+ (availableBytes < 0 ? "availability unknown" : size(availableBytes) + " available") + ")";
		return String.format(Locale.ROOT, "%s forecast: %s; %.2f s per step of %d x %,d steps, about %s", detector,
				memory, steps == 0 ? 0 : seconds / steps, batch, steps, duration(seconds));
	}

	/**
	 * Prints the forecast, warns about a run of days, and throws when the memory would not fit.
	 *
	 * @param advice what to change, in the detector's terms ("--set preset=cpu (64 px, narrow networks)")
	 */
	public void report(ProgressMonitor monitor, String advice, boolean timeLimited) throws ResourceException {
		monitor.status(summary());
		if (!fits()) {
			throw new ResourceException(String.format(Locale.ROOT, "%s: a training step of %d needs about %s on %s, but"
					+ " only %s is available; %s", detector, batch, size(peakBytes), where, size(availableBytes),
					advice));
		}
		if (seconds > LONG_SECONDS && !timeLimited) {
			monitor.status(detector + ": this run would take about " + duration(seconds) + "; " + advice
					+ ", or bound it with --set maxMinutes=N");
		}
	}

	static String size(long bytes) {
		if (bytes >= 1L << 30) {
			return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
		}
		return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
	}

	static String duration(double s) {
		if (s < 120) {
			return String.format(Locale.ROOT, "%.0f s", s);
		}
		if (s < 7200) {
			return String.format(Locale.ROOT, "%.0f min", s / 60);
		}
		if (s < 3 * 86400) {
			return String.format(Locale.ROOT, "%.1f h", s / 3600);
		}
		return String.format(Locale.ROOT, "%.1f days", s / 86400);
	}
}

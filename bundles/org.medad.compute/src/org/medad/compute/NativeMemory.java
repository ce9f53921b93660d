package org.medad.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process: tensors live off-heap, so -Xmx and the Java heap say nothing about them. */
public final class NativeMemory {

	private NativeMemory() {
	}

	/** Resident set size in bytes from /proc/self/statm, or -1 where that file does not exist. */
	public static long residentBytes() {
		try {
			String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
			return Long.parseLong(fields[1]) * 4096L;
		} catch (IOException | RuntimeException e) {
			return -1;
		}
	}

	/** Peak resident set size (VmHWM) in bytes, or -1. */
	public static long peakResidentBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
				}
			}
		} catch (IOException | RuntimeException e) {
			// not Linux
		}
		return -1;
	}

	/**
	 * Starts a new peak: VmHWM falls back to the current resident set (Linux clear_refs 5). False where the system
	 * does not allow it; the peak then counts from the process's start.
	 */
	public static boolean resetPeak() {
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5");
			return true;
		} catch (IOException | RuntimeException e) {
			return false;
		}
	}

	/**
	 * Bytes this process may still take: MemAvailable, lowered by a cgroup (container) limit and by the system property
	 * {@code medad.memory.limit} or the environment's {@code MEDAD_MEMORY_LIMIT} (bytes, or with a k/m/g suffix: a
	 * cap for shared machines); -1 where unknown.
	 */
	public static long availableBytes() {
		long free = -1;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemAvailable:")) {
					free = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
				}
			}
		} catch (IOException | RuntimeException e) {
			// not Linux
		}
		long used = residentBytes();
		for (String[] limitAndUsage : new String[][] { { "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current" },
				{ "/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes" } }) {
			long limit = number(limitAndUsage[0]);
			long usage = number(limitAndUsage[1]);
			// cgroup v1 reports "no limit" as a huge number
			if (limit > 0 && usage >= 0 && limit < 1L << 60) {
				free = min(free, limit - usage);
			}
		}
		long cap = cap();
		if (cap > 0 && used >= 0) {
			free = min(free, cap - used);
		}
		return free;
	}

	/** {@code free} lowered to what {@code medad.memory.limit} leaves, for devices whose usage is measured apart. */
	static long limited(long free) {
		long cap = cap();
		return cap > 0 ? min(free, cap) : free;
	}

	private static long cap() {
		String v = System.getProperty("medad.memory.limit", System.getenv().getOrDefault("MEDAD_MEMORY_LIMIT", ""))
				.trim().toLowerCase(java.util.Locale.ROOT);
		if (v.isEmpty()) {
			return -1;
		}
		long unit = switch (v.charAt(v.length() - 1)) {
		case 'k' -> 1L << 10;
		case 'm' -> 1L << 20;
		case 'g' -> 1L << 30;
		default -> 1;
		};
		try {
			double n = Double.parseDouble(unit == 1 ? v : v.substring(0, v.length() - 1));
			return n > 0 ? (long) (n * unit) : -1;
		} catch (NumberFormatException e) {
			return -1;
		}
	}

	private static long min(long a, long b) {
		return a < 0 ? Math.max(b, 0) : Math.max(0, Math.min(a, b));
	}

	private static long number(String file) {
		try {
			return Long.parseLong(Files.readString(Path.of(file)).trim());
		} catch (IOException | RuntimeException e) {
			return -1;
		}
	}
}

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
}

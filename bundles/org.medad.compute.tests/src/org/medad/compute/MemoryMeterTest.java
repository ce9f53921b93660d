package org.medad.compute;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The CPU meter sees off-heap memory, its peak can be restarted, and a configured cap lowers what is available. */
class MemoryMeterTest {
	private static final long MB = 1L << 20;

	@Test
	void thePeakFollowsOffHeapMemoryAndCanBeRestarted() {
		MemoryMeter cpu = MemoryMeter.of(ComputeDevice.CPU);
		Assumptions.assumeTrue(cpu.inUseBytes() > 0 && NativeMemory.resetPeak(), "no /proc here");
		long before = cpu.inUseBytes();
		ByteBuffer block = ByteBuffer.allocateDirect((int) (256 * MB));
		for (int i = 0; i < block.capacity(); i += 4096) {
			block.put(i, (byte) 1); // resident only once touched
		}
		long peak = cpu.peakBytes();
		assertTrue(peak - before >= 200 * MB, "peak grew by " + (peak - before) / MB + " MB");
		// a restarted peak starts from what is resident now (the JVM may have grown meanwhile, so not "below")
		cpu.resetPeak();
		long restarted = cpu.peakBytes();
		long now = cpu.inUseBytes();
		assertTrue(Math.abs(restarted - now) < 64 * MB, "restarted peak " + restarted / MB + " MB, resident "
				+ now / MB + " MB");
		assertTrue(block.capacity() > 0);
	}

	@Test
	void aConfiguredCapLowersWhatIsAvailable() {
		long free = NativeMemory.availableBytes();
		Assumptions.assumeTrue(free > 0, "no /proc/meminfo here");
		long used = NativeMemory.residentBytes();
		System.setProperty("medad.memory.limit", (used / MB + 100) + "m");
		try {
			long capped = NativeMemory.availableBytes();
			assertTrue(capped <= 110 * MB && capped >= 0, "capped to " + capped / MB + " MB");
			System.setProperty("medad.memory.limit", "1k");
			assertTrue(NativeMemory.availableBytes() == 0, "a cap below the resident set leaves nothing");
		} finally {
			System.clearProperty("medad.memory.limit");
		}
		assertTrue(NativeMemory.availableBytes() > 100 * MB);
	}
}

package org.medad.compute;

import java.lang.management.MemoryUsage;

import ai.djl.util.cuda.CudaUtils;

/**
 * Memory of the device tensors live on, for estimates before a long run: on the CPU the process's resident set
 * (tensors are off-heap), on a GPU the device memory in use (PyTorch's caching allocator keeps what a step needed, so
 * "in use" after a step is its peak). Every figure is in bytes, -1 where this system cannot tell.
 */
public interface MemoryMeter {

	/** Starts a new peak measurement. */
	void resetPeak();

	/** The most in use since {@link #resetPeak()}. */
	long peakBytes();

	/** In use now. */
	long inUseBytes();

	/** How much more this process may still take: free memory, a container's limit, {@code medad.memory.limit}. */
	long availableBytes();

	/** "cpu" or "gpu:0": where the figures come from. */
	String where();

	static MemoryMeter of(ComputeDevice device) {
		return device.isGpu() ? new Gpu(device) : new Cpu();
	}

	/** Resident set of this process and what the system and its cgroup leave. */
	final class Cpu implements MemoryMeter {
		@Override
		public void resetPeak() {
			NativeMemory.resetPeak();
		}

		@Override
		public long peakBytes() {
			return NativeMemory.peakResidentBytes();
		}

		@Override
		public long inUseBytes() {
			return NativeMemory.residentBytes();
		}

		@Override
		public long availableBytes() {
			return NativeMemory.availableBytes();
		}

		@Override
		public String where() {
			return "cpu";
		}
	}

	/** CUDA device memory through the runtime's cudaMemGetInfo. */
	final class Gpu implements MemoryMeter {
		private final ComputeDevice device;

		Gpu(ComputeDevice device) {
			this.device = device;
		}

		private MemoryUsage usage() {
			try {
				return CudaUtils.getGpuMemory(device.toDjl());
			} catch (RuntimeException | LinkageError e) {
				return null;
			}
		}

		@Override
		public void resetPeak() {
			// the caching allocator holds its peak: nothing to reset
		}

		@Override
		public long peakBytes() {
			return inUseBytes();
		}

		@Override
		public long inUseBytes() {
			MemoryUsage u = usage();
			return u == null ? -1 : u.getUsed();
		}

		@Override
		public long availableBytes() {
			MemoryUsage u = usage();
			long free = u == null || u.getMax() < 0 ? -1 : u.getMax() - u.getUsed();
			return NativeMemory.limited(free);
		}

		@Override
		public String where() {
			return device.id();
		}
	}
}

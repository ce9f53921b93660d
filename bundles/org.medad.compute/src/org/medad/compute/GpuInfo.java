package org.medad.compute;

/** One CUDA device as the engine sees it; memory in bytes (-1 where unknown). */
public record GpuInfo(int index, String computeCapability, long totalBytes, long usedBytes) {

	public long freeBytes() {
		return totalBytes < 0 || usedBytes < 0 ? -1 : totalBytes - usedBytes;
	}
}

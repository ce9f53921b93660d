package org.medad.compute;

import java.util.List;

/** What {@code medad compute --json} prints: the device {@code auto} resolves to and the engine behind it. */
public record ComputeReport(String device, String engine, String engineVersion, String djlVersion, String natives,
		boolean cudaLibtorch, int threads, int interopThreads, String ompWaitPolicy, boolean offline,
		List<GpuInfo> gpus, long residentBytes) {
}

package org.medad.compute.internal;

import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

import org.medad.compute.GpuInfo;
import org.medad.compute.Hardware;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;

/** The real hardware as the started engine sees it: CUDA capability of libtorch, then the CUDA runtime's devices. */
final class DjlHardware implements Hardware {

	private final Engine engine;
	private final boolean cudaFiles;

	/** {@code cudaFiles}: libtorch_cuda.so sits in the natives folder; CPU builds never touch the CUDA runtime. */
	DjlHardware(Engine engine, boolean cudaFiles) {
		this.engine = engine;
		this.cudaFiles = cudaFiles;
	}

	@Override
	public boolean cudaLibtorch() {
		return cudaFiles && engine.hasCapability(StandardCapabilities.CUDA);
	}

	@Override
	public List<GpuInfo> gpus() {
		List<GpuInfo> gpus = new ArrayList<>();
		if (!cudaLibtorch() || !CudaUtils.hasCuda()) {
			return gpus;
		}
		for (int i = 0; i < CudaUtils.getGpuCount(); i++) {
			long total = -1;
			long used = -1;
			try {
				MemoryUsage usage = CudaUtils.getGpuMemory(Device.gpu(i));
				total = usage.getMax();
				used = usage.getUsed();
			} catch (RuntimeException e) {
				// memory query unsupported by this driver: keep the device, report unknown memory
			}
			gpus.add(new GpuInfo(i, CudaUtils.getComputeCapability(i), total, used));
		}
		return gpus;
	}
}

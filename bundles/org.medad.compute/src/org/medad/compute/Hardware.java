package org.medad.compute;

import java.util.List;

/** What the engine can use: a seam so device selection is tested with fakes (no GPU on the build machines). */
public interface Hardware {

	/** True when the loaded libtorch was built with CUDA. */
	boolean cudaLibtorch();

	/** Visible CUDA devices (empty without CUDA or without a GPU). */
	List<GpuInfo> gpus();
}

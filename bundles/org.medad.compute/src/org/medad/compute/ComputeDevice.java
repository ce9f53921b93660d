package org.medad.compute;

import ai.djl.Device;

/**
 * Where tensors live and how wide their floats are. {@code id} is the user-facing name ("cpu", "gpu:0"),
 * the same string {@code --device} accepts and {@code medad compute} reports.
 */
public record ComputeDevice(String id, int gpuIndex, Precision precision) {

	public static final ComputeDevice CPU = new ComputeDevice("cpu", -1, Precision.FLOAT32);

	public static ComputeDevice gpu(int index, Precision precision) {
		return new ComputeDevice("gpu:" + index, index, precision);
	}

	public boolean isGpu() {
		return gpuIndex >= 0;
	}

	/** The DJL device this maps to. */
	public Device toDjl() {
		return isGpu() ? Device.gpu(gpuIndex) : Device.cpu();
	}

	@Override
	public String toString() {
		return precision == Precision.FLOAT32 ? id : id + " (" + precision.label() + ")";
	}
}

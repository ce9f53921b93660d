package org.medad.compute;

import org.medad.compute.internal.PyTorchCompute;

/**
 * The compute service for hosts without OSGi (a Spark executor, a plain-Java tool): the same engine the DS
 * component starts, one per JVM because libtorch loads once per process. The natives come from
 * {@code PYTORCH_LIBRARY_PATH} or {@code -Dmedad.pytorch.natives} ({@link NativeLibraries}); nothing is
 * loaded until the first tensor. Inside the OSGi products take the DS service instead.
 */
public final class StandaloneCompute {
	private static final ComputeService SERVICE = new PyTorchCompute();

	private StandaloneCompute() {
	}

	public static ComputeService get() {
		return SERVICE;
	}
}

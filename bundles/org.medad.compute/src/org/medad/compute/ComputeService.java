package org.medad.compute;

import java.util.concurrent.Callable;

import org.medad.core.error.MedadException;

import ai.djl.ndarray.NDManager;

/**
 * The one door to tensors. Starts the engine on first use (never at bundle start: {@code medad version} must not
 * load 450 MB of natives), resolves device requests, hands out root managers and reports what it chose.
 * Callers close every manager they get; {@link #openManagers()} lets tests and long runs check that they did.
 */
public interface ComputeService {

	/** Resolves "auto", "cpu", "gpu:N" (optionally ",fp16"); starts the engine if needed. */
	ComputeDevice select(String request) throws MedadException;

	/**
	 * The device detectors use: what {@link #prefer} last set (the command line's {@code --device}, the workbench's
	 * preference), {@code auto} until then.
	 */
	ComputeDevice preferred() throws MedadException;

	/** Sets the device {@link #preferred()} resolves; an unavailable device is refused at once. */
	void prefer(String request) throws MedadException;

	/** A new root manager on the device. */
	NDManager newManager(ComputeDevice device) throws MedadException;

	/** Managers handed out by {@link #newManager} and not yet closed. */
	int openManagers();

	/** Runs work with the engine's class loader as the thread context class loader (DJL looks up providers through it). */
	<T> T call(Callable<T> work) throws MedadException;

	/** Engine, versions, natives, threads and GPUs; starts the engine. */
	ComputeReport report() throws MedadException;

	/** Seeds the engine's random generators (and CUDA's, where present) for reproducible runs. */
	void seed(long seed) throws MedadException;
}

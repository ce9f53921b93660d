package org.medad.compute.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeReport;
import org.medad.compute.ComputeService;
import org.medad.compute.DeviceSelector;
import org.medad.compute.Hardware;
import org.medad.compute.NativeLibraries;
import org.medad.compute.NativeMemory;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.osgi.service.component.annotations.Component;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * DJL 0.35.1 with the PyTorch engine, offline. The engine starts once per JVM on first use; this bundle must never
 * be refreshed in a running JVM (libtorch cannot be loaded by a second class loader).
 */
@Component(service = ComputeService.class)
public final class PyTorchCompute implements ComputeService {

	static final String ENGINE = "PyTorch";
	/** Intra-op threads (default: all cores) and inter-op threads (default 1), read once at engine start. */
	static final String THREADS = "medad.threads";
	static final String INTEROP_THREADS = "medad.interop.threads";

	private volatile Engine engine;
	private volatile String preference = "auto";
	private Path natives;
	private Hardware hardware;
	private final Set<NDManager> handedOut = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	@Override
	public ComputeDevice select(String request) throws MedadException {
		engine();
		return DeviceSelector.select(request, hardware);
	}

	@Override
	public ComputeDevice preferred() throws MedadException {
		return select(preference);
	}

	@Override
	public void prefer(String request) throws MedadException {
		select(request); // refuses a device that is not there now, not at the first model
		preference = request;
	}

	@Override
	public NDManager newManager(ComputeDevice device) throws MedadException {
		Engine e = engine();
		NDManager manager = call(() -> e.newBaseManager(device.toDjl()));
		handedOut.add(manager);
		return manager;
	}

	@Override
	public int openManagers() {
		synchronized (handedOut) {
			return (int) handedOut.stream().filter(NDManager::isOpen).count();
		}
	}

	@Override
	public <T> T call(Callable<T> work) throws MedadException {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(PyTorchCompute.class.getClassLoader());
		try {
			return work.call();
		} catch (MedadException | RuntimeException e) {
			throw e;
		} catch (Exception e) {
			throw new ModelException(e.getMessage(), e);
		} finally {
			thread.setContextClassLoader(previous);
		}
	}

	@Override
	public ComputeReport report() throws MedadException {
		Engine e = engine();
		ComputeDevice auto = DeviceSelector.select("auto", hardware);
		String omp = System.getenv("OMP_WAIT_POLICY");
		return new ComputeReport(auto.id(), ENGINE, e.getVersion(), Engine.getDjlVersion(), natives.toString(),
				hardware.cudaLibtorch(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
				omp == null ? "" : omp, Boolean.getBoolean("ai.djl.offline"), hardware.gpus(), NativeMemory.residentBytes());
	}

	@Override
	public void seed(long seed) throws MedadException {
		Engine e = engine();
		call(() -> {
			e.setRandomSeed((int) seed);
			return null;
		});
	}

	private Engine engine() throws MedadException {
		Engine e = engine;
		if (e != null) {
			return e;
		}
		synchronized (this) {
			if (engine == null) {
				natives = NativeLibraries.locate(installArea());
				start();
			}
			return engine;
		}
	}

	private void start() throws MedadException {
		if (System.getenv(NativeLibraries.LIBRARY_PATH) == null) {
			System.setProperty(NativeLibraries.LIBRARY_PATH, natives.toString());
		}
		defaultProperty("ai.djl.offline", "true");
		defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		defaultProperty("org.slf4j.simpleLogger.logFile", "System.err");
		if (!NativeLibraries.isCuda(natives)) {
			// DJL probes any libcudart it finds even for CPU natives; its "driver insufficient" warning is noise then
			defaultProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
		}
		String threads = System.getProperty(THREADS, String.valueOf(Runtime.getRuntime().availableProcessors()));
		defaultProperty("ai.djl.pytorch.num_threads", threads);
		defaultProperty("ai.djl.pytorch.num_interop_threads", System.getProperty(INTEROP_THREADS, "1"));
		engine = call(() -> {
			try {
				return Engine.getEngine(ENGINE);
			} catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError ex) {
				throw new ModelException("the PyTorch engine did not start from " + natives + ": " + ex.getMessage(), ex);
			}
		});
		hardware = new DjlHardware(engine, NativeLibraries.isCuda(natives));
	}

	private static void defaultProperty(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}

	/** osgi.install.area is a file: URL, sometimes with unencoded spaces. */
	static Path installArea() {
		String area = System.getProperty("osgi.install.area");
		if (area == null || !area.startsWith("file:")) {
			return null;
		}
		try {
			return Path.of(URI.create(area.replace(" ", "%20")));
		} catch (IllegalArgumentException e) {
			return Path.of(area.substring("file:".length()));
		}
	}
}

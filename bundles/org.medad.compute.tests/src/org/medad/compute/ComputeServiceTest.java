package org.medad.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The DS component inside OSGi: engine start from the unpacked natives, report, arithmetic, manager accounting. */
class ComputeServiceTest {

	static ComputeService compute;

	@BeforeAll
	static void service() throws Exception {
		compute = service(ComputeService.class);
	}

	static <T> T service(Class<T> type) throws InterruptedException {
		var context = FrameworkUtil.getBundle(ComputeServiceTest.class).getBundleContext();
		ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
		tracker.open();
		T service = tracker.waitForService(10_000);
		assertNotNull(service, type.getSimpleName() + " not registered (is org.apache.felix.scr running?)");
		return service;
	}

	@Test
	void reportsTheEngineItStarted() throws Exception {
		ComputeReport report = compute.report();
		assertEquals("PyTorch", report.engine());
		assertEquals("2.7.1", report.engineVersion());
		assertEquals("0.35.1", report.djlVersion());
		assertEquals("cpu", report.device());
		assertTrue(Files.isRegularFile(Path.of(report.natives(), "libtorch_cpu.so")), report.natives());
		assertTrue(report.offline(), "ai.djl.offline must be on");
		assertTrue(report.threads() >= 1 && report.interopThreads() >= 1);
		assertTrue(report.gpus().isEmpty());
		assertTrue(report.residentBytes() > 0);
	}

	@Test
	void multipliesMatrices() throws Exception {
		ComputeDevice cpu = compute.select("cpu");
		try (NDManager manager = compute.newManager(cpu)) {
			NDArray a = manager.create(new float[] { 1, 2, 3, 4, 5, 6 }, new Shape(2, 3));
			NDArray b = manager.create(new float[] { 1, 0, 0, 1, 1, 1 }, new Shape(3, 2));
			assertArrayEquals(new float[] { 4, 5, 10, 11 }, a.matMul(b).toFloatArray());
		}
	}

	@Test
	void countsManagersUntilClosed() throws Exception {
		int before = compute.openManagers();
		NDManager manager = compute.newManager(ComputeDevice.CPU);
		assertEquals(before + 1, compute.openManagers());
		manager.close();
		assertEquals(before, compute.openManagers());
	}

	@Test
	void seedMakesRandomNumbersRepeat() throws Exception {
		try (NDManager manager = compute.newManager(ComputeDevice.CPU)) {
			compute.seed(7);
			float[] first = manager.randomNormal(new Shape(5)).toFloatArray();
			compute.seed(7);
			assertArrayEquals(first, manager.randomNormal(new Shape(5)).toFloatArray());
		}
	}
}

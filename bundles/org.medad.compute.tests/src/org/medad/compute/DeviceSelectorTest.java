package org.medad.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.medad.core.error.BadInputException;
import org.medad.core.error.UsageException;

/** Device selection against fake hardware: the CUDA paths are exercised without a GPU. */
class DeviceSelectorTest {

	private static final long GIB = 1L << 30;

	private static Hardware hardware(boolean cuda, GpuInfo... gpus) {
		return new Hardware() {
			@Override
			public boolean cudaLibtorch() {
				return cuda;
			}

			@Override
			public List<GpuInfo> gpus() {
				return List.of(gpus);
			}
		};
	}

	@Test
	void autoIsCpuWithCpuOnlyNatives() throws Exception {
		assertEquals(ComputeDevice.CPU, DeviceSelector.select("auto", hardware(false)));
		assertEquals(ComputeDevice.CPU, DeviceSelector.select(null, hardware(false)));
	}

	@Test
	void autoIsCpuWhenCudaSeesNoGpu() throws Exception {
		assertEquals(ComputeDevice.CPU, DeviceSelector.select("auto", hardware(true)));
	}

	@Test
	void autoPicksTheGpuWithTheMostFreeMemory() throws Exception {
		Hardware two = hardware(true, new GpuInfo(0, "8.0", 80 * GIB, 70 * GIB), new GpuInfo(1, "8.0", 80 * GIB, 10 * GIB));
		ComputeDevice device = DeviceSelector.select("auto", two);
		assertEquals("gpu:1", device.id());
		assertEquals(1, device.gpuIndex());
		assertEquals(Precision.FLOAT32, device.precision());
		assertEquals("gpu:0", DeviceSelector.select("AUTO", hardware(true, new GpuInfo(0, "9.0", 80 * GIB, 0),
				new GpuInfo(1, "9.0", 80 * GIB, 0))).id(), "ties go to the lowest index");
	}

	@Test
	void explicitGpuAndHalfPrecision() throws Exception {
		Hardware one = hardware(true, new GpuInfo(0, "9.0", 80 * GIB, 1 * GIB));
		assertEquals(ComputeDevice.gpu(0, Precision.FLOAT32), DeviceSelector.select("gpu:0", one));
		assertEquals(ComputeDevice.gpu(0, Precision.FLOAT32), DeviceSelector.select("cuda", one));
		ComputeDevice half = DeviceSelector.select("gpu:0,fp16", one);
		assertEquals(Precision.FLOAT16, half.precision());
		assertEquals(ai.djl.Device.gpu(0), half.toDjl());
	}

	@Test
	void missingGpuNamesWhatIsVisible() {
		Hardware one = hardware(true, new GpuInfo(0, "9.0", 80 * GIB, 1 * GIB));
		BadInputException e = assertThrows(BadInputException.class, () -> DeviceSelector.select("gpu:3", one));
		assertTrue(e.getMessage().contains("gpu:3") && e.getMessage().contains("gpu:0"), e.getMessage());
		assertEquals(3, e.exitCode());
	}

	@Test
	void gpuOnCpuNativesPointsAtTheCudaInstructions() {
		BadInputException e = assertThrows(BadInputException.class, () -> DeviceSelector.select("gpu:0", hardware(false)));
		assertTrue(e.getMessage().contains("PYTORCH_LIBRARY_PATH"), e.getMessage());
	}

	@Test
	void badRequestsAreUsageErrors() {
		assertThrows(UsageException.class, () -> DeviceSelector.select("tpu", hardware(false)));
		assertThrows(UsageException.class, () -> DeviceSelector.select("gpu:x", hardware(true)));
		assertThrows(UsageException.class, () -> DeviceSelector.select("cpu,fp16", hardware(false)));
		assertThrows(UsageException.class, () -> DeviceSelector.select("cpu,bf16", hardware(false)));
	}
}

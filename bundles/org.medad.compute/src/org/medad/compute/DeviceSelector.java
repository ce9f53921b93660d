package org.medad.compute;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medad.core.error.BadInputException;
import org.medad.core.error.UsageException;

/**
 * Turns a device request into a device: {@code auto} (the CUDA device with the most free memory when a CUDA
 * libtorch sees a GPU, else the CPU), {@code cpu}, {@code gpu:N} (or {@code cuda:N}); optional suffix
 * {@code ,fp16} for half precision, GPU only.
 */
public final class DeviceSelector {

	private static final Pattern GPU = Pattern.compile("(?:gpu|cuda)(?::(\\d+))?");

	private DeviceSelector() {
	}

	public static ComputeDevice select(String request, Hardware hardware) throws UsageException, BadInputException {
		String spec = request == null || request.isBlank() ? "auto" : request.trim().toLowerCase(Locale.ROOT);
		Precision precision = Precision.FLOAT32;
		int comma = spec.indexOf(',');
		if (comma >= 0) {
			precision = Precision.parse(spec.substring(comma + 1).trim());
			if (precision == null) {
				throw new UsageException("unknown precision in --device " + request + " (use float32 or fp16)");
			}
			spec = spec.substring(0, comma).trim();
		}
		ComputeDevice device;
		if (spec.equals("cpu")) {
			device = ComputeDevice.CPU;
		} else if (spec.equals("auto")) {
			device = auto(hardware, precision);
		} else {
			Matcher m = GPU.matcher(spec);
			if (!m.matches()) {
				throw new UsageException("unknown device '" + request + "': use auto, cpu or gpu:N");
			}
			int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
			device = gpu(index, hardware, precision, request);
		}
		if (!device.isGpu() && precision != Precision.FLOAT32) {
			throw new UsageException("half precision needs a GPU; " + device.id() + " runs in float32");
		}
		return device;
	}

	private static ComputeDevice auto(Hardware hardware, Precision precision) {
		if (!hardware.cudaLibtorch()) {
			return ComputeDevice.CPU;
		}
		return hardware.gpus().stream()
				.max(Comparator.comparingLong(GpuInfo::freeBytes).thenComparing(g -> -g.index()))
				.map(g -> ComputeDevice.gpu(g.index(), precision)).orElse(ComputeDevice.CPU);
	}

	private static ComputeDevice gpu(int index, Hardware hardware, Precision precision, String request)
			throws BadInputException {
		if (!hardware.cudaLibtorch()) {
			throw new BadInputException("--device " + request + ": the PyTorch natives in use are CPU-only."
					+ " Point PYTORCH_LIBRARY_PATH at a CUDA build of libtorch 2.7.1 (README, 'GPU').");
		}
		List<GpuInfo> gpus = hardware.gpus();
		if (gpus.stream().noneMatch(g -> g.index() == index)) {
			throw new BadInputException("--device " + request + ": no such GPU; "
					+ (gpus.isEmpty() ? "CUDA sees no GPU" : "visible: gpu:0.." + "gpu:" + (gpus.size() - 1)));
		}
		return ComputeDevice.gpu(index, precision);
	}
}

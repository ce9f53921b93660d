package org.medad.batch.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeReport;
import org.medad.compute.ComputeService;
import org.medad.compute.GpuInfo;

/** {@code medad compute [--json] [--device D]}: the device, engine, natives and threads the detectors will use. */
public final class ComputeCommand implements Command {
	private final ComputeService compute;

	public ComputeCommand(ComputeService compute) {
		this.compute = compute;
	}

	@Override
	public String name() {
		return "compute";
	}

	@Override
	public String summary() {
		return "device, engine, natives and threads in use";
	}

	@Override
	public String usage() {
		return """
				medad compute [--json] [--device D]
				  --device D   resolve a request (auto, cpu, gpu:N, optionally ",fp16") as train/score would
				  --json       machine-readable: device, engine, engineVersion, natives, threads, gpus
				environment: PYTORCH_LIBRARY_PATH (a CUDA libtorch 2.7.1 for GPUs), OMP_WAIT_POLICY (bin/medad sets PASSIVE);
				properties: -Dmedad.threads=N, -Dmedad.interop.threads=N""";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--device");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		ComputeReport report = compute.report();
		ComputeDevice device = compute.select(args.get("--device", "auto"));
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("device", device.id());
		m.put("precision", device.precision().label());
		m.put("engine", report.engine());
		m.put("engineVersion", report.engineVersion());
		m.put("djlVersion", report.djlVersion());
		m.put("natives", report.natives());
		m.put("cuda", report.cudaLibtorch());
		m.put("threads", report.threads());
		m.put("interopThreads", report.interopThreads());
		m.put("ompWaitPolicy", report.ompWaitPolicy());
		m.put("offline", report.offline());
		m.put("gpus", report.gpus().stream().map(ComputeCommand::gpu).toList());
		if (args.flag("--json")) {
			console.json(m);
			return 0;
		}
		var out = console.out();
		out.printf("device      %s (%s)%n", device.id(), device.precision().label());
		out.printf("engine      %s %s on DJL %s%s%n", report.engine(), report.engineVersion(), report.djlVersion(),
				report.cudaLibtorch() ? " (CUDA build)" : " (CPU build)");
		out.printf("natives     %s%n", report.natives());
		out.printf("threads     %d intra-op, %d inter-op; OMP_WAIT_POLICY=%s%n", report.threads(), report.interopThreads(),
				report.ompWaitPolicy().isEmpty() ? "(unset)" : report.ompWaitPolicy());
		if (report.gpus().isEmpty()) {
			out.println("gpus        none usable");
		}
		for (GpuInfo g : report.gpus()) {
			out.printf("gpu:%-7d compute %s, %d of %d MiB free%n", g.index(), g.computeCapability(), g.freeBytes() >> 20,
					g.totalBytes() >> 20);
		}
		return 0;
	}

	private static Map<String, Object> gpu(GpuInfo g) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", "gpu:" + g.index());
		m.put("computeCapability", g.computeCapability());
		m.put("totalBytes", g.totalBytes());
		m.put("freeBytes", g.freeBytes());
		return m;
	}
}

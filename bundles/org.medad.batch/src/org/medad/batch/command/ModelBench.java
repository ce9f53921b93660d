package org.medad.batch.command;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Console;
import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeReport;
import org.medad.compute.ComputeService;
import org.medad.compute.NativeMemory;
import org.medad.core.error.UsageException;
import org.medad.nn.vit.VisionTransformer;
import org.medad.nn.vit.VitConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code medad bench model}: forward passes of a random ViT (weights N(0, 0.02), float32) at 224×224, each batch in
 * its own sub-manager as the detectors run them. Reports images/s (median over repeats after three warm-ups) and
 * resident memory: before the model, and the process peak (VmHWM). One configuration per process, so the peak
 * belongs to it (bench/model/run.sh loops over them).
 */
final class ModelBench {
	private final ComputeService compute;

	ModelBench(ComputeService compute) {
		this.compute = compute;
	}

	static VitConfig arch(String name) throws UsageException {
		return switch (name) {
			case "vit-s16" -> VitConfig.vitSmall16();
			case "vit-b14" -> VitConfig.dinov2BaseReg4().withImage(224, 14);
			default -> throw new UsageException("unknown --arch " + name + " (vit-s16, vit-b14)");
		};
	}

	int run(Args args, Console console) throws Exception {
		VitConfig config = arch(args.get("--arch", "vit-s16"));
		int batch = args.intValue("--batch", 8, 1);
		int repeat = args.intValue("--repeat", 5, 1);
		ComputeDevice device = compute.select(args.get("--device", "auto"));
		ComputeReport report = compute.report();
		compute.seed(0);
		long baseline = NativeMemory.residentBytes();
		double[] seconds = new double[repeat];
		long withModel;
		try (NDManager model = compute.newManager(device)) {
			VisionTransformer vit = compute.call(() -> new VisionTransformer(model, config));
			withModel = NativeMemory.residentBytes();
			for (int i = -3; i < repeat; i++) { // three warm-ups: the first passes also JIT-compile DJL's Java side
				long t0 = System.nanoTime();
				try (NDManager step = model.newSubManager()) {
					NDArray images = step.randomUniform(-1, 1, new Shape(batch, 3, 224, 224));
					float check = vit.forward(images).get("0, 0, 0").getFloat();
					if (!Float.isFinite(check)) {
						throw new IllegalStateException("non-finite output");
					}
				}
				if (i >= 0) {
					seconds[i] = (System.nanoTime() - t0) / 1e9;
				}
			}
		}
		double[] sorted = seconds.clone();
		Arrays.sort(sorted);
		double median = sorted[repeat / 2];
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("benchmark", "model");
		out.put("impl", "medad (DJL " + report.djlVersion() + ", PyTorch " + report.engineVersion() + ")");
		out.put("arch", config.name().equals("dinov2-b14-reg4") ? "vit-b14" : "vit-s16");
		out.put("batch", batch);
		out.put("threads", report.threads());
		out.put("device", device.id());
		out.put("images_per_s", batch / median);
		out.put("median_batch_s", median);
		out.put("baseline_rss_mb", baseline / 1048576.0);
		out.put("model_rss_mb", withModel / 1048576.0);
		out.put("peak_rss_mb", NativeMemory.peakResidentBytes() / 1048576.0);
		out.put("java_heap_committed_mb", Runtime.getRuntime().totalMemory() / 1048576.0);
		if (args.flag("--json")) {
			console.json(out);
		} else {
			console.out().printf("%s batch %d on %s (%d threads): %.2f images/s, median %.3f s per batch; resident %.0f MB"
					+ " before the model, peak %.0f MB%n", out.get("arch"), batch, device.id(), report.threads(),
					batch / median, median, baseline / 1048576.0, NativeMemory.peakResidentBytes() / 1048576.0);
		}
		return 0;
	}
}

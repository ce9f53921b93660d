package org.medad.batch.command;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.compute.ComputeService;
import org.medad.core.error.BadInputException;
import org.medad.core.error.UsageException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;

/**
 * {@code medad bench io --data DIR}: times reading the benchmark volume (bench/io/make_volume.py) in each
 * format through the installed format services: median wall time over runs after a warm-up, throughput
 * in MB/s of stored voxels, and the bytes the read allocates compared with one float copy of the voxels.
 * Benchmarks are never part of the tests.
 */
public final class BenchCommand implements Command {
	private static final List<String> CASES = List.of("vol.nii", "vol.nii.gz", "vol.nrrd", "series");
	private final ImageFormats formats;
	private final ComputeService compute;
	private final org.medad.core.detect.DetectorCatalog catalog;

	public BenchCommand(ImageFormats formats, ComputeService compute, org.medad.core.detect.DetectorCatalog catalog) {
		this.formats = formats;
		this.compute = compute;
		this.catalog = catalog;
	}

	@Override
	public String name() {
		return "bench";
	}

	@Override
	public String summary() {
		return "benchmarks (io, model, detector); never part of the tests";
	}

	@Override
	public String usage() {
		return """
				medad bench io --data DIR [--repeat N] [--json]
				medad bench model [--arch vit-s16|vit-b14] [--batch N] [--repeat N] [--device D] [--json]
				  io      read DIR/vol.nii, vol.nii.gz, vol.nrrd and the DICOM series DIR/series (made by
				          bench/io/make_volume.py; bench/io/run.sh runs nibabel/pydicom beside it)
				medad bench detector --detector ID [--set key=value]... [--steps N] [--slices N] [--score N] [--batch N] [--profile FILE]
				                     [--input PX] [--shots K] [--json]
				medad bench detector --model DIR [--score N] [--batch N] [--input PX] [--json]   (scoring a package only)
				  model   forward throughput and peak resident memory of a random ViT at 224x224
				          (bench/model/run.sh runs PyTorch eager beside it)
				  detector training step time (median of --steps after two warm-ups, default 10; 0 = scoring only), scoring
				          throughput (--score phantom slices in batches of --batch) and peak resident memory, on
				          --slices generated phantom slices of --input pixels (bench/detector/run.sh); few-shot
				          detectors learn from --shots K normal and K lesioned phantom slices (default 4) and report
				          fit_s, the time to fit without training steps (MVFA: text features and memory bank)""";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--data", "--repeat", "--arch", "--batch", "--device", "--detector", "--model", "--set", "--steps",
				"--slices", "--score", "--input", "--profile", "--shots");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		if (args.positional().size() == 1 && args.positional().get(0).equals("model")) {
			return new ModelBench(compute).run(args, console);
		}
		if (args.positional().size() == 1 && args.positional().get(0).equals("detector")) {
			return new DetectorBench(catalog, compute).run(args, console);
		}
		if (args.positional().size() != 1 || !args.positional().get(0).equals("io")) {
			throw new UsageException("bench takes one benchmark name: io, model or detector");
		}
		Path data = Path.of(args.require("--data"));
		int repeat = args.intValue("--repeat", 7, 1);
		Map<String, Object> results = new LinkedHashMap<>();
		for (String c : CASES) {
			Path p = data.resolve(c);
			if (!Files.exists(p)) {
				throw BadInputException.of(p, "missing: create the data with bench/io/make_volume.py " + data);
			}
			results.put(c, measure(p, repeat));
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("benchmark", "io");
		out.put("java", Runtime.version().toString());
		out.put("cores", Runtime.getRuntime().availableProcessors());
		out.put("repeat", repeat);
		out.put("results", results);
		if (args.flag("--json")) {
			console.json(out);
		} else {
			console.out().printf("%-12s %10s %10s %16s %18s%n", "file", "median ms", "MB/s", "allocated/copy",
					"+ float array ms");
			results.forEach((k, v) -> {
				@SuppressWarnings("unchecked")
				Map<String, Object> m = (Map<String, Object>) v;
				console.out().printf("%-12s %10.1f %10.0f %16.2f %18.1f%n", k, m.get("median_ms"), m.get("mb_per_s"),
						m.get("allocated_per_float_copy"), m.get("with_float_array_ms"));
			});
		}
		return 0;
	}

	private Map<String, Object> measure(Path p, int repeat) throws Exception {
		Volume v = formats.read(p); // warm-up
		long voxels = 1;
		for (int d = 0; d < v.voxels().numDimensions(); d++) {
			voxels *= v.voxels().dimension(d);
		}
		double[] ms = new double[repeat];
		double[] total = new double[repeat];
		long allocated = Long.MAX_VALUE;
		for (int i = 0; i < repeat; i++) {
			long a0 = allocatedBytes();
			long t0 = System.nanoTime();
			v = formats.read(p);
			ms[i] = (System.nanoTime() - t0) / 1e6;
			allocated = Math.min(allocated, allocatedBytes() - a0);
			// readers may return lazy views (memory-mapped NIfTI): time the values as one float array too
			Images.toArray(v.voxels());
			total[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		Arrays.sort(total);
		double median = ms[repeat / 2];
		long storedBytes = voxels * 2; // the benchmark volume is int16
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("median_ms", median);
		m.put("min_ms", ms[0]);
		m.put("with_float_array_ms", total[repeat / 2]);
		m.put("mb_per_s", storedBytes / 1e6 / (median / 1000));
		m.put("voxels", voxels);
		m.put("allocated_mb", allocated < 0 ? null : allocated / 1e6);
		m.put("allocated_per_float_copy", allocated < 0 ? null : allocated / (voxels * 4.0));
		return m;
	}

	/** Bytes allocated by this thread so far (HotSpot's com.sun.management extension), or -1. */
	private static long allocatedBytes() {
		try {
			Class<?> iface = Class.forName("com.sun.management.ThreadMXBean", false, ClassLoader.getPlatformClassLoader());
			Method m = iface.getMethod("getCurrentThreadAllocatedBytes");
			return (Long) m.invoke(ManagementFactory.getThreadMXBean());
		} catch (ReflectiveOperationException | RuntimeException e) {
			return -1;
		}
	}
}

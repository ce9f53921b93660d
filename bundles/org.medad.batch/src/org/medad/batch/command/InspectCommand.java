package org.medad.batch.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.core.error.UsageException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageFormats;
import org.medad.io.format.ImageHeader;

/**
 * {@code medad inspect PATH [--json]}: format, dims, channels, stored datatype, spacing, real-value
 * statistics and the voxel-to-RAS affine, the JSON contract of DESIGN.md.
 */
public final class InspectCommand implements Command {
	private final ImageFormats formats;

	public InspectCommand(ImageFormats formats) {
		this.formats = formats;
	}

	@Override
	public String name() {
		return "inspect";
	}

	@Override
	public String summary() {
		return "describe an image file: format, size, datatype, spacing, value statistics, affine";
	}

	@Override
	public String usage() {
		return """
				medad inspect PATH [--series INDEX|UID] [--json]
				  --series   which series of a DICOM folder holding several (listed when omitted)
				  --json   one object: format, dims (x fastest), channels, datatype (as stored), spacing,
				           min, max, mean, sum (real-world values, colour samples pooled), affine (voxel to RAS)""";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--series");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		if (args.positional().size() != 1) {
			throw new UsageException("inspect takes exactly one PATH");
		}
		Path path = Path.of(args.positional().get(0));
		ImageFormat format = formats.formatOf(path);
		String series = args.get("--series", null);
		ImageHeader header = format.parseHeader(path, series);
		Volume volume = format.read(path, series);
		Map<String, Object> out = describe(header, volume);
		if (args.flag("--json")) {
			console.json(out);
		} else {
			out.forEach((k, v) -> console.out().printf("%-10s %s%n", k, v instanceof List<?> l ? l.toString() : v));
		}
		return 0;
	}

	static Map<String, Object> describe(ImageHeader header, Volume volume) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("format", header.format());
		List<Long> dims = new ArrayList<>();
		for (long d : header.dims()) {
			dims.add(d);
		}
		m.put("dims", dims);
		m.put("channels", header.channels());
		m.put("datatype", header.datatype());
		m.put("spacing", header.spacing() == null ? null : toList(header.spacing()));
		float[] v = Images.toArray(volume.voxels());
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		double sum = 0;
		long count = 0;
		long nan = 0;
		for (float f : v) {
			if (Float.isNaN(f)) {
				nan++;
				continue;
			}
			min = Math.min(min, f);
			max = Math.max(max, f);
			sum += f;
			count++;
		}
		m.put("min", count == 0 ? null : min);
		m.put("max", count == 0 ? null : max);
		m.put("mean", count == 0 ? null : sum / count);
		m.put("sum", sum);
		m.put("count", count);
		m.put("nan_count", nan);
		if (header.affine() == null) {
			m.put("affine", null);
		} else {
			List<List<Double>> rows = new ArrayList<>();
			for (int r = 0; r < 4; r++) {
				rows.add(toList(java.util.Arrays.copyOfRange(header.affine(), 4 * r, 4 * r + 4)));
			}
			m.put("affine", rows);
		}
		m.putAll(header.details());
		return m;
	}

	private static List<Double> toList(double[] a) {
		List<Double> l = new ArrayList<>();
		for (double d : a) {
			l.add(Double.isNaN(d) ? null : d); // a spacing the file does not state
		}
		return l;
	}
}

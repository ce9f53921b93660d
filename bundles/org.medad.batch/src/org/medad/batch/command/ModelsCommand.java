package org.medad.batch.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.batch.run.SoftwareVersion;
import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.error.BadInputException;
import org.medad.core.error.UsageException;
import org.medad.core.model.Hashes;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.output.OutputGuard;
import org.medad.core.model.Tensor;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.Checkpoints;
import org.medad.nn.checkpoint.FoundationImport;

import ai.djl.ndarray.NDManager;

/**
 * {@code medad models import --from FORMAT SRC... --out DIR}: foundation weights a lab downloaded once, renamed,
 * resampled and checked against the architecture, written as a model package (model.json + safetensors) whose
 * references record each source file's sha256.
 */
public final class ModelsCommand implements Command {
	private final ComputeService compute;

	public ModelsCommand(ComputeService compute) {
		this.compute = compute;
	}

	@Override
	public String name() {
		return "models";
	}

	@Override
	public String summary() {
		return "import foundation weights (timm, Hugging Face, OpenAI CLIP, QFAE checkpoints)";
	}

	@Override
	public String usage() {
		return "medad models import --from timm|hf|openai-clip|qfae-pth SRC... --out DIR [--arch NAME|FILE.json]"
				+ " [--overwrite]\n"
				+ "  SRC       .safetensors, .pth/.bin (torch >= 1.6 zip; read without running code) or OpenAI .pt;\n"
				+ "            several files (sharded checkpoints) are merged\n"
				+ "  --arch    " + String.join(", ", Architectures.names()) + ", qfae (for qfae-pth),\n"
				+ "            or a JSON file with another size; position tables and patch kernels are resampled to it\n"
				+ "  --overwrite  replace the model package at DIR (anything else there is never replaced)\n"
				+ "  a checkpoint that does not fit exits 4 listing missing, unexpected and mis-shaped keys";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--from", "--out", "--arch");
	}

	@Override
	public Set<String> flags() {
		return Set.of("--json", "--overwrite");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		List<String> positional = args.positional();
		if (positional.isEmpty() || !positional.get(0).equals("import")) {
			throw new UsageException("models takes a subcommand: import");
		}
		if (positional.size() < 2) {
			throw new UsageException("models import needs at least one source file");
		}
		FoundationImport.Source from = FoundationImport.Source.parse(args.require("--from"));
		Path out = Path.of(args.require("--out"));
		List<Path> sources = positional.subList(1, positional.size()).stream().map(Path::of).toList();
		OutputGuard.apartFrom(out, "--out", sources);
		OutputGuard.replaceable(out, "--out", "model package", ModelPackage::looksLikePackage, args.flag("--overwrite"));
		Map<String, Tensor> raw = new LinkedHashMap<>();
		List<ModelManifest.Reference> references = new ArrayList<>();
		for (String src : positional.subList(1, positional.size())) {
			Path file = Path.of(src);
			if (!Files.isRegularFile(file)) {
				throw BadInputException.of(file, "no such file");
			}
			console.err().println("reading " + file);
			raw.putAll(Checkpoints.read(file));
			references.add(new ModelManifest.Reference(file.getFileName().toString(), Hashes.sha256(file),
					file.toAbsolutePath().toString()));
		}
		String arch = args.get("--arch", null);
		FoundationImport.Result result;
		try (NDManager m = compute.newManager(ComputeDevice.CPU)) {
			result = compute.call(() -> FoundationImport.convert(m, from, raw, arch, console.err()::println));
		}
		result.steps().forEach(s -> console.err().println("  " + s));
		String architecture = String.valueOf(result.settings().get("architecture"));
		ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION,
				new ModelManifest.DetectorRef("foundation", architecture), result.settings(), Map.of(), null,
				new ModelManifest.Training(0, "", 0, 0, SoftwareVersion.get(), "cpu", 0, null), List.of(), references);
		ModelPackage pkg = ModelPackage.write(out, manifest, result.weights());
		long values = result.weights().values().stream().mapToLong(t -> t.data().length).sum();
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("package", pkg.folder().toString());
		summary.put("architecture", architecture);
		summary.put("tensors", result.weights().size());
		summary.put("parameters", values);
		summary.put("sha256", pkg.sha256());
		summary.put("steps", result.steps());
		if (args.flag("--json")) {
			console.json(summary);
		} else {
			console.out().printf("wrote %s: %s, %d tensors, %,d values%n", pkg.folder(), architecture,
					result.weights().size(), values);
		}
		return 0;
	}
}

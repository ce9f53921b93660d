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
import org.medad.run.InputPipeline;
import org.medad.run.SoftwareVersion;
import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.InstalledDetector;
import org.medad.core.detect.PackageCheck;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.Hashes;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.output.OutputGuard;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;
import org.medad.importer.Imported;
import org.medad.importer.WeightImporter;
import org.medad.importer.WeightImporters;
import org.medad.nn.checkpoint.Checkpoints;

import ai.djl.ndarray.NDManager;

/**
 * {@code medad models import --from FORMAT SRC... --out DIR}: foundation weights a lab downloaded once, renamed,
 * resampled and checked against the architecture by the {@link WeightImporter} service for that format, written as a model package (model.json + safetensors) whose
 * references record each source file's sha256.
 */
public final class ModelsCommand implements Command {
	/** The detector id of imported foundation weights: no detector opens them directly. */
	static final String FOUNDATION = "foundation";
	private final ComputeService compute;
	private final DetectorCatalog catalog;
	private final WeightImporters importers;

	public ModelsCommand(ComputeService compute, DetectorCatalog catalog, WeightImporters importers) {
		this.compute = compute;
		this.catalog = catalog;
		this.importers = importers;
	}

	@Override
	public String name() {
		return "models";
	}

	@Override
	public String summary() {
		return "import foundation weights (" + String.join(", ", importers.importers().stream().map(WeightImporter::source)
				.toList()) + "); check or seal a package";
	}

	@Override
	public String usage() {
		StringBuilder from = new StringBuilder();
		for (WeightImporter i : importers.importers()) {
			from.append("\n    ").append(i.source()).append(": ").append(i.summary());
		}
		return "medad models import --from SOURCE SRC... --out DIR [--arch NAME|FILE.json] [--overwrite]\n"
				+ "  --from    the installed importers (a bundle may add more):" + from + "\n"
				+ "  SRC       .safetensors, .pth/.bin (torch >= 1.6 zip; read without running code) or OpenAI .pt;\n"
				+ "            several files (sharded checkpoints) are merged\n"
				+ "  --arch    the architecture to fit (see each source); position tables and patch kernels are\n"
				+ "            resampled to it\n"
				+ "  --overwrite  replace the model package at DIR (anything else there is never replaced)\n"
				+ "  a checkpoint that does not fit exits 4 listing missing, unexpected and mis-shaped keys\n"
				+ "medad models check PKG   verify checksums, weights and settings against the detector (exit 4 if not)\n"
				+ "medad models seal PKG    accept a deliberately edited model.json: checked as above, then its\n"
				+ "                         checksum (model.json.sha256) is recorded anew";
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
		String sub = positional.isEmpty() ? "" : positional.get(0);
		if (sub.equals("check") || sub.equals("seal")) {
			if (positional.size() != 2) {
				throw new UsageException("models " + sub + " takes one model package");
			}
			return checkOrSeal(Path.of(positional.get(1)), sub.equals("seal"), args, console);
		}
		if (!sub.equals("import")) {
			throw new UsageException("models takes a subcommand: import, check or seal");
		}
		if (positional.size() < 2) {
			throw new UsageException("models import needs at least one source file");
		}
		WeightImporter from = importers.require(args.require("--from"));
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
		Imported result;
		try (NDManager m = compute.newManager(ComputeDevice.CPU)) {
			result = compute.call(() -> from.convert(m, Checkpoints.unwrap(raw), arch, console.err()::println));
		}
		result.steps().forEach(s -> console.err().println("  " + s));
		String architecture = result.architecture();
		ModelManifest manifest = result.detector() == null
				? new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef(FOUNDATION, architecture),
						result.settings(), Map.of(), null, training(), List.of(), references)
				: detectorPackage(result, references);
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

	private static ModelManifest.Training training() {
		return new ModelManifest.Training(0, "", 0, 0, SoftwareVersion.get(), "cpu", 0, null);
	}

	/**
	 * A method's own trained checkpoint: a package of that detector with its settings (checked by its schema) and
	 * the input it declares for them, so that {@code score} opens it as if medad had trained it.
	 */
	private ModelManifest detectorPackage(Imported result, List<ModelManifest.Reference> references)
			throws MedadException {
		InstalledDetector d = catalog.find(result.detector()).orElseThrow(() -> new ModelException("the checkpoint is"
				+ " a model of detector '" + result.detector() + "', which is not installed"));
		Settings settings = d.detector().settingsSchema().coerce(result.settings());
		Map<String, Object> preprocessing = new LinkedHashMap<>();
		preprocessing.put("input", InputPipeline.of(d.detector().input(settings)).record());
		preprocessing.put("imported", result.steps());
		return new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef(result.detector(),
				d.descriptor().version()), settings.values(), preprocessing, null, training(), List.of(), references);
	}

	private int checkOrSeal(Path pkgPath, boolean seal, Args args, Console console) throws Exception {
		ModelPackage.Acceptance detectorCheck = p -> {
			String id = p.manifest().detector().id();
			if (!id.equals(FOUNDATION)) {
				var detector = catalog.find(id).orElseThrow(() -> new ModelException(pkgPath + ": made by detector '"
						+ id + "', which is not installed, so its settings cannot be checked"));
				PackageCheck.check(detector.detector(), p);
			}
		};
		ModelPackage pkg;
		if (seal) {
			pkg = ModelPackage.seal(pkgPath, detectorCheck);
		} else {
			pkg = ModelPackage.read(pkgPath);
			detectorCheck.check(pkg);
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("package", pkg.folder().toString());
		summary.put("detector", pkg.manifest().detector().id());
		summary.put("sha256", pkg.sha256());
		summary.put("sealed", seal);
		if (args.flag("--json")) {
			console.json(summary);
		} else {
			console.out().printf("%s: %s package intact (model.json %s)%s%n", pkg.folder(),
					pkg.manifest().detector().id(), pkg.sha256(), seal ? ", sealed anew" : "");
		}
		return 0;
	}
}

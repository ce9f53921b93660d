package org.medad.batch.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.medad.run.Workflows;
import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.batch.cli.ConsoleProgress;
import org.medad.run.ModelLoader;
import org.medad.run.ScoringRun;
import org.medad.run.Shard;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.error.UsageException;

/** {@code medad score}: anomaly maps and scores for images, resumable. */
public final class ScoreCommand implements Command {
	private final DetectorCatalog catalog;
	private final Workflows workflows;

	public ScoreCommand(DetectorCatalog catalog, Workflows workflows, org.medad.compute.ComputeService compute) {
		this.compute = compute;
		this.catalog = catalog;
		this.workflows = workflows;
	}

	private final org.medad.compute.ComputeService compute;

	@Override
	public String name() {
		return "score";
	}

	@Override
	public String summary() {
		return "write anomaly maps and scores for images (resumable)";
	}

	@Override
	public String usage() {
		return """
				medad score --model MODEL --input PATH... --out DIR [--shard I/N] [--fail-fast] [--overwrite]
				            [--device D] [--batch N]
				  --input PATH    an image file, a DICOM series folder, a folder of images or series (a BMAD data set
				                  included: its mask folders are skipped), or a manifest CSV with a header naming the
				                  columns path[,label][,mask] (paths relative to the CSV); repeat or list several
				  --out DIR       maps mirroring the inputs (2D: .png heat map, float .tiff; volumes: .nii.gz on the
				                  scan's geometry; with a calibrated pixel threshold also the binary .mask.png /
				                  .mask.nii.gz), scores.csv, errors.csv, run.json; rerunning into the same DIR skips
				                  complete cases; a DIR holding another model's scores is refused
				  --overwrite     replace another model's scores in DIR (nothing but a scoring output is ever removed)
				  --shard I/N     score only share I of N (1 <= I <= N), chosen by a hash of each case id: N machines
				                  with the same inputs split the cases between them, each case in exactly one share
				  --write-dicom   for a DICOM series input, also write its map as a DICOM series over it (OUT/...dicom/:
				                  Secondary Capture, new UIDs, the source's patient, study, frame of reference and
				                  slice geometry, the source series referenced) for a PACS viewer or 3D Slicer
				  --fail-fast     stop at the first case that fails (default: list it in errors.csv, go on, exit 3)
				  --batch N       slices per detector call (default 8): a volume's slices, or single slices of
				                  consecutive cases together
				  --read-ahead N  cases read and preprocessed ahead of the detector on a thread of their own
				                  (default 4, within 256 MB; 0: read each case when its turn comes)
				""" + DeviceOption.USAGE;
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--model", "--input", "--out", "--device", "--batch", "--shard", "--read-ahead");
	}

	@Override
	public Set<String> flags() {
		return Set.of("--fail-fast", "--overwrite", "--write-dicom");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		List<Path> inputs = new ArrayList<>();
		args.all("--input").forEach(s -> inputs.add(Path.of(s)));
		args.positional().forEach(s -> inputs.add(Path.of(s))); // "--input a b c" lists several
		if (inputs.isEmpty()) {
			throw new UsageException("option --input is required");
		}
		int batch = args.intValue("--batch", 8, 1);
		Path out = Path.of(args.require("--out"));
		DeviceOption.apply(args, compute);
		var loaded = ModelLoader.load(catalog, Path.of(args.require("--model")));
		try (var model = loaded.model()) {
			ScoringRun run = workflows.scoring(new ConsoleProgress(console.err()), batch)
					.failingFast(args.flag("--fail-fast")).overwriting(args.flag("--overwrite"))
					.writingDicom(args.flag("--write-dicom"))
					.readingAhead(args.intValue("--read-ahead", ScoringRun.DEFAULT_READ_AHEAD, 0),
							ScoringRun.DEFAULT_VOXEL_BUDGET);
			if (args.get("--shard", null) != null) {
				run.sharded(Shard.parse(args.get("--shard", null)));
			}
			int failed = run.run(model, loaded.pkg(), inputs, out);
			console.out().println("scores in " + out.resolve("scores.csv").toAbsolutePath()
					+ (failed > 0 ? "; " + failed + " cases failed, see errors.csv" : ""));
			return failed > 0 ? 3 : 0;
		}
	}
}

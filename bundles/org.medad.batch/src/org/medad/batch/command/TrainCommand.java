package org.medad.batch.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.medad.run.Workflows;
import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.batch.cli.ConsoleProgress;
import org.medad.core.error.BadInputException;
import org.medad.run.ShotSelection;
import org.medad.run.TrainingRun;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.error.UsageException;
import org.medad.core.model.ModelPackage;
import org.medad.io.dataset.SliceSpec;

/** {@code medad train}: fit a detector on a data set's normal images and write a model package. */
public final class TrainCommand implements Command {
	private final DetectorCatalog catalog;
	private final Workflows workflows;
	private final org.medad.compute.ComputeService compute;

	public TrainCommand(DetectorCatalog catalog, Workflows workflows, org.medad.compute.ComputeService compute) {
		this.catalog = catalog;
		this.workflows = workflows;
		this.compute = compute;
	}

	@Override
	public String name() {
		return "train";
	}

	@Override
	public String summary() {
		return "train a detector on normal images and write a model package";
	}

	@Override
	public String usage() {
		return """
				medad train --detector ID --data DIR --out MODEL [--set key=value]... [--device D] [--seed N] [--resume]
				  --detector ID   an installed detector (medad detectors)
				  --data DIR      data set in BMAD layout; trains on train/good, calibrates on valid/
				  --out MODEL     model package to write: a folder, or one file when it ends in .zip (written whole, or not at
				                  all); an existing path is refused unless it is a model package and --overwrite is given
				  --overwrite     replace the model package at MODEL (never anything else)
				  --set key=value a detector setting (medad detectors --settings lists them)
				""" + DeviceOption.USAGE + """

				  --seed N        seed of all randomness (default 0)
				  --plane P       axial, coronal or sagittal: the slices taken from 3D volumes (default: the plane
				                  the detector declares, axial for all shipped ones)
				  --slices A:B    slice indices A (inclusive) to B (exclusive) of each volume, e.g. 60:100
				  --resume        continue an interrupted run from MODEL.checkpoint (detectors that train in epochs
				                  leave one after each epoch; same data, settings and seed required)
				  --shots K       few-shot detectors: K normal and K anomalous cases of valid/ drawn with the seed
				                  (default: up to 4); they are left out of threshold calibration
				  --shot-list F   few-shot detectors: the cases named in file F (one valid/ case id per line, or
				                  MVFA's seed-list format: lines a-0: NAMES (anomalous), n-0: NAMES (normal))
				  --threshold-percentile P
				                  where valid/ holds no anomalies (no lesion masks, for the pixel threshold), the
				                  threshold is the P-th percentile of its normal cases' scores (pixels); default 99
				  --also D1,D2    other labelled data sets the detector may learn from (zero-shot protocol: train
				                  on several, test on a held-out one); their --also-split cases (default test)""";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of("--detector", "--data", "--out", "--set", "--device", "--seed", "--plane", "--slices", "--shots",
				"--shot-list", "--also", "--also-split", "--threshold-percentile");
	}

	@Override
	public Set<String> flags() {
		return Set.of("--resume", "--overwrite");
	}

	@Override
	public int run(Args args, Console console) throws Exception {
		var detector = catalog.require(args.require("--detector"));
		DeviceOption.apply(args, compute);
		SliceSpec spec = null; // unless asked for: every slice in the plane the detector declares
		if (args.get("--plane", null) != null || args.get("--slices", null) != null) {
			try {
				spec = SliceSpec.parse(args.get("--plane", detector.descriptor().input().plane()),
						args.get("--slices", null));
			} catch (IllegalArgumentException e) {
				throw new UsageException(e.getMessage());
			}
		}
		TrainingRun run = workflows.training(new ConsoleProgress(console.err()));
		if (args.get("--shot-list", null) != null) {
			run.withShots(ShotSelection.fromFile(Path.of(args.get("--shot-list", null))));
		} else if (args.get("--shots", null) != null) {
			run.withShots(ShotSelection.seeded(args.intValue("--shots", ShotSelection.DEFAULT_PER_CLASS, 1)));
		}
		if (args.get("--also", null) != null) {
			List<Path> others = java.util.Arrays.stream(args.get("--also", null).split(",")).map(String::trim)
					.filter(d -> !d.isEmpty()).map(Path::of).toList();
			if (others.isEmpty()) {
				throw new UsageException("--also takes data set folders separated by commas");
			}
			run.withOthers(others, args.get("--also-split", "test"));
		}
		if (spec != null) {
			run.withSlices(spec);
		}
		if (args.get("--threshold-percentile", null) != null) {
			double p = args.doubleValue("--threshold-percentile", 99);
			if (!(p >= 0 && p <= 100)) {
				throw new UsageException("--threshold-percentile " + p + ": a percentile between 0 and 100");
			}
			run.withThresholdPercentile(p);
		}
		ModelPackage pkg = run.resuming(args.flag("--resume")).overwriting(args.flag("--overwrite"))
				.run(detector, Path.of(args.require("--data")), Path.of(args.require("--out")), args.settings(),
						args.longValue("--seed", 0));
		var m = pkg.manifest();
		if (m.thresholds() == null || m.thresholds().image() == null) {
			console.err().println("note: no image threshold was calibrated ("
					+ (m.thresholds() == null ? "no valid split" : m.thresholds().method()) + "); scores and maps are"
					+ " written but no case is labelled anomalous. Add valid/good images (and valid/Ungood ones) to"
					+ " calibrate.");
		}
		console.out().printf("trained %s on %d images (%s slices) in %.1f s; threshold %s, pixel threshold %s (%s)%n"
				+ "model: %s (sha256 %s)%n", m.detector().id(), m.training().files(), slices(m), m.training().seconds(),
				m.thresholds().image(), m.thresholds().pixel(), m.thresholds().method(), pkg.folder().toAbsolutePath(),
				pkg.sha256());
		return 0;
	}

	private static String slices(org.medad.core.model.ModelManifest m) {
		Object n = m.preprocessing() == null ? null : m.preprocessing().get("trainingSlices");
		return n instanceof Number num ? Integer.toString(num.intValue()) : "?";
	}
}

package org.medad.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Volume;
import org.medad.core.model.AtomicFiles;
import org.medad.core.model.ModelPackage;
import org.medad.core.output.OutputGuard;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.format.ImageFormats;

/**
 * Scores files and folders of images with a model. Resumable: a case is complete when its map and
 * its scores.csv row exist, and a rerun into the same folder skips complete cases. A case that fails
 * goes to errors.csv and the run continues.
 */
public final class ScoringRun {
	private final ImageFormats formats;
	private final ProgressMonitor monitor;
	private final int batch;

	/** {@code batch}: slices of a volume per call to the detector, which bounds the memory a case takes. */
	public ScoringRun(ImageFormats formats, ProgressMonitor monitor, int batch) {
		this.formats = formats;
		this.monitor = monitor;
		this.batch = batch;
	}

	public ScoringRun(ImageFormats formats, ProgressMonitor monitor) {
		this(formats, monitor, CaseScorer.DEFAULT_BATCH);
	}

	private Shard shard = Shard.ALL;
	private boolean failFast;
	private boolean overwrite;

	/** Score only this share of the cases (default all): n machines, one shard each, split a batch. */
	public ScoringRun sharded(Shard shard) {
		this.shard = shard;
		return this;
	}

	/** Stop at the first case that fails instead of listing it in errors.csv and going on. */
	public ScoringRun failingFast(boolean failFast) {
		this.failFast = failFast;
		return this;
	}

	private boolean writeDicom;

	/** Also write the map of each DICOM series input as a DICOM series over it ({@code base.dicom/}). */
	public ScoringRun writingDicom(boolean writeDicom) {
		this.writeDicom = writeDicom;
		return this;
	}

	/** Replace an output folder that holds another model's results (never anything but a scoring output). */
	public ScoringRun overwriting(boolean overwrite) {
		this.overwrite = overwrite;
		return this;
	}

	/**
	 * Cases read and prepared ahead of the detector (default {@value #DEFAULT_READ_AHEAD}; 0: read each when its turn
	 * comes), within {@code voxelBudget} voxels waiting at a time.
	 */
	public ScoringRun readingAhead(int cases, long voxelBudget) {
		if (cases < 0 || voxelBudget < 1) {
			throw new IllegalArgumentException("read-ahead " + cases + " cases, " + voxelBudget + " voxels");
		}
		this.readAhead = cases;
		this.voxelBudget = voxelBudget;
		return this;
	}

	/** Cases read ahead unless asked otherwise. */
	public static final int DEFAULT_READ_AHEAD = 4;
	/** Voxels waiting in the read-ahead at most (with the preprocessed copies): 256 MB of floats. */
	public static final long DEFAULT_VOXEL_BUDGET = 64L << 20;

	private int readAhead = DEFAULT_READ_AHEAD;
	private long voxelBudget = DEFAULT_VOXEL_BUDGET;

	private static ReadAhead.Item next(ReadAhead ahead) throws MedadException {
		try {
			return ahead.next();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new org.medad.core.error.CancelledException();
		}
	}

	/** Returns the number of cases that failed. */
	public int run(TrainedModel model, ModelPackage pkg, List<Path> inputs, Path out) throws MedadException, IOException {
		List<Path> read = new ArrayList<>(inputs);
		read.add(pkg.folder());
		OutputGuard.apartFrom(out, "--out", read);
		OutputGuard.freshOrOwn(out, "--out", "score output folder", ScoringRun::isOutput);
		if (shard.count() > 1 && SetParts.needed(model)) {
			// each shard would normalise over its own cases: the shards' scores would not add up to one run's
			throw new org.medad.core.error.UsageException(SetParts.name(model) + " normalises its scores over the"
					+ " whole scored set, so --shard " + shard + " would give each shard scores of its own; score the"
					+ " set in one run, or spread it with the Spark job (medad-spark), which reads the set first");
		}
		Map<String, ScoringCases.Source> all = ScoringCases.collect(inputs);
		Map<String, ScoringCases.Source> cases = new LinkedHashMap<>();
		all.forEach((id, s) -> {
			if (shard.includes(id)) {
				cases.put(id, s);
			}
		});
		sameModelOrReplace(out, pkg);
		Files.createDirectories(out);
		AtomicFiles.recoverTree(out);
		Path csv = out.resolve("scores.csv");
		Set<String> done = completed(csv, out);
		Double threshold = pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().image();
		Double pixelThreshold = pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().pixel();
		MapWriter maps = new MapWriter(0, threshold == null ? 1 : 2 * threshold, pixelThreshold);
		if (writeDicom) {
			maps = maps.withDicom("MedAD anomaly map, " + pkg.manifest().detector().id() + " " + pkg.sha256().substring(0,
					12));
		}
		CaseScorer scorer = CaseScorer.forPackage(formats, pkg, batch).readingSlicesAhead(readAhead == 0 ? 0 : 2 * batch);
		List<CaseError> errors = new ArrayList<>();
		long start = System.nanoTime();
		Map<String, Object> record = record(model, pkg, cases.size(), all.size());
		// what was scored, so that the workbench (ScoreResults) can open each case beside its map
		record.put("inputs", inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
		record.put("status", "running");
		AtomicFiles.writeString(out.resolve("run.json"), Json.of(record) + "\n");
		Map<String, Path> scorable = new LinkedHashMap<>();
		cases.forEach((id, s) -> {
			if (s.problem() == null) {
				scorable.put(id, s.image());
			}
		});
		// a resumed run reads the cases done before too, so that it normalises over the same set
		SetReplay replay = SetReplay.collected(model, scorable, scorer, monitor, scorable.size() + " cases");
		if (replay != null) {
			model = replay;
		}
		monitor.begin("Scoring " + cases.size() + " cases" + (shard.count() > 1 ? " (shard " + shard + " of "
				+ all.size() + ")" : "") + (done.isEmpty() ? "" : " (" + done.size() + " already done)"), cases.size());
		monitor.worked(done.size());
		List<Map.Entry<String, ScoringCases.Source>> todo = cases.entrySet().stream()
				.filter(e -> !done.contains(e.getKey())).toList();
		// a set-relative model replays each case's own results: its cases may not share a detector call
		boolean shareCalls = replay == null && batch > 1;
		ScoringLoop loop;
		try (Writer rows = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND); ReadAhead ahead = new ReadAhead(todo, scorer, readAhead, voxelBudget);
				// the cases' ends (2D maps, rows) overlap the next detector calls, as reading does, unless read-ahead
				// is off; closed first, so that nothing writes a row once the file is closed
				ScoringLoop running = new ScoringLoop(model, scorer, maps, out, rows, threshold, replay, errors,
						monitor, failFast, formats, readAhead == 0 ? 0 : 2 * batch)) {
			loop = running;
			if (Files.size(csv) == 0) {
				rows.write(Csv.line("case", "score", "label_pred", "seconds"));
			}
			List<ReadAhead.Item> slices = new ArrayList<>();
			ReadAhead.Item it;
			while (!loop.stopped && (it = next(ahead)) != null) {
				monitor.checkCancelled();
				if (shareCalls && it.error() == null && CaseScorer.isSlice(it.prepared())) {
					slices.add(it);
					if (slices.size() >= batch) {
						loop.slices(slices);
						slices.clear();
					}
					continue;
				}
				loop.slices(slices);
				slices.clear();
				loop.one(it);
			}
			if (!loop.stopped) {
				loop.slices(slices);
			}
			loop.finish();
			record.put("read_ahead_cases", readAhead);
			record.put("read_wait_seconds", ahead.waitedSeconds());
			record.put("detector_seconds", scorer.detectorSeconds());
		}
		int scored = loop.scored;
		boolean stopped = loop.stopped;
		AtomicFiles.writeString(out.resolve("errors.csv"), Csv.errors(errors));
		record.put("status", stopped ? "stopped at the first failure (--fail-fast)" : "finished");
		record.put("scored_now", scored);
		record.put("skipped_complete", done.size());
		record.put("errors", errors.size());
		if (replay != null) {
			record.put("normalised_over_cases", replay.cases());
		}
		record.put("seconds", (System.nanoTime() - start) / 1e9);
		record.put("finished", Instant.now().toString());
		AtomicFiles.writeString(out.resolve("run.json"), Json.of(record) + "\n");
		return errors.size();
	}

	private Map<String, Object> record(TrainedModel model, ModelPackage pkg, int cases, int listed) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("model", pkg.folder().toAbsolutePath().toString());
		record.put("model_sha256", pkg.sha256());
		record.put("detector", pkg.manifest().detector());
		record.put("settings", model.settings().values());
		record.put("device", model.device());
		record.put("software_version", SoftwareVersion.get());
		record.put("java", Runtime.version().toString());
		record.put("batch", batch);
		record.put("shard", shard.toString());
		record.put("cases", cases);
		record.put("cases_listed", listed);
		record.put("started", Instant.now().toString());
		return record;
	}

	/**
	 * An output folder is resumed only by the model that began it: rows of two models in one scores.csv would be
	 * meaningless. With {@link #overwriting} the other model's outputs are removed first.
	 */
	private void sameModelOrReplace(Path out, ModelPackage pkg) throws IOException, BadInputException {
		sameModelOrReplace(out, pkg, overwrite, monitor);
	}

	static void sameModelOrReplace(Path out, ModelPackage pkg, boolean overwrite, ProgressMonitor monitor)
			throws IOException, BadInputException {
		Path runJson = out.resolve("run.json");
		if (!Files.isRegularFile(runJson)) {
			return;
		}
		String earlier;
		try {
			earlier = com.google.gson.JsonParser.parseString(Files.readString(runJson)).getAsJsonObject()
					.get("model_sha256").getAsString();
		} catch (RuntimeException e) {
			earlier = "(unreadable run.json)";
		}
		if (earlier.equals(pkg.sha256())) {
			return;
		}
		if (!overwrite) {
			throw BadInputException.of(out, "holds the scores of another model (model.json sha256 " + earlier
					+ ", this one " + pkg.sha256() + "); choose another --out, or add --overwrite to replace them");
		}
		monitor.status("--overwrite: removing the other model's outputs in " + out);
		try (var paths = Files.walk(out)) {
			for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				if (!p.equals(out)) {
					Files.delete(p);
				}
			}
		}
	}

	/** A manifest's mask must lie on its image's grid: compared on the two files' headers, nothing decoded. */
	static void checkMask(ImageFormats formats, ScoringCases.Source s) throws BadInputException {
		long[] image = formats.formatOf(s.image()).parseHeader(s.image()).dims();
		long[] mask = formats.formatOf(s.mask()).parseHeader(s.mask()).dims();
		PixelTruth.checkGrid(s.mask(), mask, s.image(), image);
	}

	/** Whether {@code folder} holds an earlier scoring run's output (its scores.csv header or run record). */
	public static boolean isOutput(Path folder) {
		Path csv = folder.resolve("scores.csv");
		try {
			if (Files.isRegularFile(folder.resolve("run.json"))) {
				return true;
			}
			if (Files.isRegularFile(csv)) {
				try (var r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
					String first = r.readLine();
					return first != null && (first + "\n").equals(Csv.line("case", "score", "label_pred", "seconds"));
				}
			}
		} catch (IOException | RuntimeException e) {
			return false;
		}
		return false;
	}

	/**
	 * Ids whose row is in scores.csv and whose map exists. scores.csv is rewritten (atomically) to keep only
	 * those rows, so a torn last line or a row whose map went missing is scored again, not duplicated.
	 */
	static Set<String> completed(Path csv, Path out) throws IOException {
		Set<String> done = new HashSet<>();
		if (!Files.exists(csv)) {
			return done;
		}
		String text = Files.readString(csv);
		List<String> lines = text.lines().toList();
		if (!text.isEmpty() && !text.endsWith("\n")) {
			lines = lines.subList(0, lines.size() - 1);
		}
		StringBuilder kept = new StringBuilder();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (i == 0) {
				kept.append(line).append('\n');
				continue;
			}
			String id = Csv.parse(line).get(0);
			Path base = MapWriter.base(out, id);
			if (Files.exists(base.resolveSibling(base.getFileName() + ".tiff"))
					|| Files.exists(base.resolveSibling(base.getFileName() + ".nii.gz"))) {
				done.add(id);
				kept.append(line).append('\n');
			}
		}
		if (!kept.toString().equals(text)) {
			AtomicFiles.writeString(csv, kept.toString());
		}
		return done;
	}
}

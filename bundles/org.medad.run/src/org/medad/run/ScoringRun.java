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

	/** Returns the number of cases that failed. */
	public int run(TrainedModel model, ModelPackage pkg, List<Path> inputs, Path out) throws MedadException, IOException {
		List<Path> read = new ArrayList<>(inputs);
		read.add(pkg.folder());
		OutputGuard.apartFrom(out, "--out", read);
		OutputGuard.freshOrOwn(out, "--out", "score output folder", ScoringRun::isOutput);
		Map<String, Path> cases = collect(inputs);
		Files.createDirectories(out);
		AtomicFiles.recoverTree(out);
		Path csv = out.resolve("scores.csv");
		Set<String> done = completed(csv, out);
		Double threshold = pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().image();
		Double pixelThreshold = pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().pixel();
		MapWriter maps = new MapWriter(0, threshold == null ? 1 : 2 * threshold, pixelThreshold);
		CaseScorer scorer = CaseScorer.forPackage(formats, pkg, batch);
		List<CaseError> errors = new ArrayList<>();
		long start = System.nanoTime();
		// a resumed run reads the cases done before too, so that it normalises over the same set
		SetReplay replay = SetReplay.collected(model, cases, scorer, monitor, cases.size() + " cases");
		if (replay != null) {
			model = replay;
		}
		int scored = 0;
		monitor.begin("Scoring " + cases.size() + " cases (" + done.size() + " already done)", cases.size());
		try (Writer rows = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND)) {
			if (Files.size(csv) == 0) {
				rows.write(Csv.line("case", "score", "label_pred", "seconds"));
			}
			for (Map.Entry<String, Path> c : cases.entrySet()) {
				monitor.checkCancelled();
				if (!done.contains(c.getKey())) {
					long t0 = System.nanoTime();
					try {
						if (replay != null) {
							replay.replay(c.getKey());
						}
						double score = scorer.scoreInto(model, c.getValue(), MapWriter.base(out, c.getKey()), maps);
						boolean pred = threshold != null && score >= threshold;
						rows.write(Csv.line(c.getKey(), score, pred ? 1 : 0, (System.nanoTime() - t0) / 1e9));
						rows.flush(); // the row marks the case complete: it goes last, whole
						scored++;
					} catch (BadInputException e) {
						errors.add(new CaseError(c.getKey(), e.getMessage()));
						monitor.status("skipped " + c.getKey() + ": " + e.getMessage());
					}
				}
				monitor.worked(1);
			}
		}
		AtomicFiles.writeString(out.resolve("errors.csv"), Csv.errors(errors));
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("model", pkg.folder().toAbsolutePath().toString());
		record.put("model_sha256", pkg.sha256());
		record.put("detector", pkg.manifest().detector());
		record.put("settings", model.settings().values());
		record.put("device", model.device());
		record.put("software_version", SoftwareVersion.get());
		record.put("java", Runtime.version().toString());
		record.put("batch", batch);
		record.put("cases", cases.size());
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
	 * Cases by id: each image's path relative to the deepest folder holding all inputs, so ids are unique
	 * and output maps mirror the input tree (one folder in: paths inside it; one file in: its name).
	 */
	static Map<String, Path> collect(List<Path> inputs) throws BadInputException {
		List<Path> files = new ArrayList<>();
		Path common = null;
		for (Path in : inputs) {
			Path abs = in.toAbsolutePath().normalize();
			if (Files.isRegularFile(abs)) {
				files.add(abs);
				common = commonAncestor(common, abs.getParent());
			} else if (Files.isDirectory(abs)) {
				try {
					List<Path> found = new ArrayList<>();
					Files.walkFileTree(abs, new java.nio.file.SimpleFileVisitor<>() {
						@Override
						public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
								java.nio.file.attribute.BasicFileAttributes attrs) {
							// a data set's masks are not cases to score; hidden folders are temporaries
							return !dir.equals(abs) && (org.medad.io.dataset.Datasets.isMaskFolder(dir)
									|| dir.getFileName().toString().startsWith("."))
											? java.nio.file.FileVisitResult.SKIP_SUBTREE
											: java.nio.file.FileVisitResult.CONTINUE;
						}

						@Override
						public java.nio.file.FileVisitResult visitFile(Path file,
								java.nio.file.attribute.BasicFileAttributes attrs) {
							if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
								found.add(file);
							}
							return java.nio.file.FileVisitResult.CONTINUE;
						}
					});
					found.stream().sorted().forEach(files::add);
				} catch (IOException e) {
					throw BadInputException.of(in, "cannot list folder: " + e.getMessage(), e);
				}
				common = commonAncestor(common, abs);
			} else {
				throw BadInputException.of(in, "no such file or folder");
			}
		}
		if (files.isEmpty()) {
			throw new BadInputException("no images found in " + inputs);
		}
		Map<String, Path> cases = new LinkedHashMap<>();
		for (Path f : files) {
			cases.put(common.relativize(f).toString(), f);
		}
		return cases;
	}

	private static Path commonAncestor(Path a, Path b) {
		if (a == null) {
			return b;
		}
		Path p = a;
		while (!b.startsWith(p)) {
			p = p.getParent();
		}
		return p;
	}

	/**
	 * Ids whose row is in scores.csv and whose map exists. scores.csv is rewritten (atomically) to keep only
	 * those rows, so a torn last line or a row whose map went missing is scored again, not duplicated.
	 */
	private static Set<String> completed(Path csv, Path out) throws IOException {
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

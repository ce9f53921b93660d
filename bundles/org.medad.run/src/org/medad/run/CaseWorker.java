package org.medad.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.model.AtomicFiles;
import org.medad.core.model.ModelPackage;
import org.medad.io.format.ImageFormats;

/**
 * The scoring of a batch split over the workers of a distributed engine (a Spark executor's partition),
 * writing what {@code medad score} writes into one shared output folder: each case's maps atomically,
 * and its scores.csv row to a journal of the worker's own ({@code .parts/}, flushed after every case),
 * so that workers never write the same file and a run that dies keeps what was finished. The driver
 * {@link #begin begins} the run (refusing another model's folder, listing the cases done before) and
 * {@link #finish finishes} it (merging the journals into scores.csv in the manifest's order, errors.csv,
 * run.json): the folder then equals a plain {@code medad score} run's.
 */
public final class CaseWorker implements AutoCloseable {
	/** Where workers' journals go inside the output folder. */
	static final String PARTS = ".parts";

	private final ImageFormats formats;
	private final CaseScorer scorer;
	private final MapWriter maps;
	private final Double threshold;
	private final Path out;
	private final Writer journal;

	/** A worker writing into {@code out}, with a journal of its own. */
	public CaseWorker(ImageFormats formats, ModelPackage pkg, Path out, int batch) throws MedadException, IOException {
		this.formats = formats;
		this.out = out;
		this.scorer = CaseScorer.forPackage(formats, pkg, batch).readingSlicesAhead(2 * batch);
		this.threshold = pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().image();
		Double pixel = pkg.manifest().thresholds() == null ? null : pkg.manifest().thresholds().pixel();
		this.maps = new MapWriter(0, threshold == null ? 1 : 2 * threshold, pixel);
		Path parts = Files.createDirectories(out.resolve(PARTS));
		this.journal = Files.newBufferedWriter(parts.resolve("part-" + UUID.randomUUID() + ".csv"),
				StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
	}

	/**
	 * Scores one case into the folder: its maps, then its row in the journal. {@code problem} (a manifest row's) or a
	 * case that cannot be read comes back as an error row, for errors.csv.
	 *
	 * @return the scores.csv row, or for a failed case the errors.csv row
	 */
	public String score(TrainedModel model, String id, Path image, Path mask, String problem)
			throws MedadException, IOException {
		long t0 = System.nanoTime();
		String row;
		try {
			if (problem != null) {
				throw new BadInputException(problem);
			}
			if (model instanceof SetReplay replay) { // SetParts.Finished#model: this case's results from the set
				replay.replay(id);
			}
			double s = scorer.scoreInto(model, image, MapWriter.base(out, id), maps);
			if (mask != null) {
				ScoringRun.checkMask(formats, new ScoringCases.Source(image, mask, null));
			}
			row = Csv.line(id, s, threshold != null && s >= threshold ? 1 : 0, (System.nanoTime() - t0) / 1e9);
		} catch (BadInputException e) {
			row = "!" + Csv.line(id, e.getMessage());
		}
		journal.write(row);
		journal.flush(); // the row marks the case complete: it goes last, whole
		return row;
	}

	@Override
	public void close() throws IOException {
		journal.close();
	}

	/**
	 * The driver's first step: checks the folder is fresh or this model's (another model's is refused unless
	 * {@code overwrite}), then returns the ids already complete (their row in scores.csv or a journal, and their map),
	 * which the workers skip.
	 */
	public static Set<String> begin(ModelPackage pkg, Path out, boolean overwrite, Map<String, Object> record)
			throws MedadException, IOException {
		org.medad.core.output.OutputGuard.freshOrOwn(out, "--out", "score output folder", ScoringRun::isOutput);
		ScoringRun.sameModelOrReplace(out, pkg, overwrite, org.medad.core.progress.ProgressMonitor.NULL);
		Files.createDirectories(out);
		AtomicFiles.recoverTree(out);
		record.put("model_sha256", pkg.sha256());
		record.put("status", "running");
		AtomicFiles.writeString(out.resolve("run.json"), Json.of(record) + "\n");
		merge(out, null); // earlier journals first, so scores.csv alone says what is done
		return ScoringRun.completed(out.resolve("scores.csv"), out);
	}

	/**
	 * The driver's last step: merges the journals into scores.csv (rows in {@code order}, the manifest's) and
	 * errors.csv, writes run.json, removes the journals. Returns the number of failed cases.
	 */
	public static int finish(Path out, List<String> order, Map<String, Object> record) throws IOException {
		int failed = merge(out, order);
		record.put("errors", failed);
		record.put("status", "finished");
		record.put("finished", java.time.Instant.now().toString());
		AtomicFiles.writeString(out.resolve("run.json"), Json.of(record) + "\n");
		return failed;
	}

	/** scores.csv and the journals' rows in one scores.csv ({@code order} first, if given), errors to errors.csv. */
	private static int merge(Path out, List<String> order) throws IOException {
		Map<String, String> rows = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		int failed;
		Path csv = out.resolve("scores.csv");
		if (Files.isRegularFile(csv)) {
			List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
			for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
				rows.put(Csv.parse(l).get(0), l + "\n");
			}
		}
		Path parts = out.resolve(PARTS);
		List<Path> journals = new ArrayList<>();
		if (Files.isDirectory(parts)) {
			try (var s = Files.list(parts)) {
				journals = s.sorted().toList();
			}
		}
		for (Path j : journals) {
			String text = Files.readString(j, StandardCharsets.UTF_8);
			List<String> lines = text.lines().toList();
			if (!text.isEmpty() && !text.endsWith("\n")) {
				lines = lines.subList(0, lines.size() - 1); // a torn last line is not a row
			}
			for (String l : lines) {
				if (l.startsWith("!")) {
					List<String> f = Csv.parse(l.substring(1));
					errors.put(f.get(0), f.get(1));
				} else {
					rows.put(Csv.parse(l).get(0), l + "\n");
				}
			}
		}
		StringBuilder b = new StringBuilder(Csv.line("case", "score", "label_pred", "seconds"));
		if (order != null) {
			for (String id : order) {
				String r = rows.remove(id);
				if (r != null) {
					b.append(r);
				}
			}
		}
		rows.values().forEach(b::append);
		AtomicFiles.writeString(csv, b.toString());
		failed = errors.size();
		if (order != null) {
			List<CaseError> list = new ArrayList<>();
			for (String id : order) { // the manifest's order, as a plain run lists them, whatever the workers' order
				String why = errors.remove(id);
				if (why != null) {
					list.add(new CaseError(id, why));
				}
			}
			errors.forEach((id, why) -> list.add(new CaseError(id, why)));
			AtomicFiles.writeString(out.resolve("errors.csv"), Csv.errors(list));
		}
		for (Path j : journals) {
			Files.delete(j);
		}
		if (Files.isDirectory(parts)) {
			Files.delete(parts);
		}
		return failed;
	}
}

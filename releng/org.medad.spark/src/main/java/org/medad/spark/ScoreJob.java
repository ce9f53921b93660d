package org.medad.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.medad.core.detect.TrainedModel;
import org.medad.core.model.ModelPackage;
import org.medad.io.dataset.Manifest;
import org.medad.io.format.StandardFormats;
import org.medad.run.CaseWorker;
import org.medad.run.SetParts;

/**
 * {@code medad score} on a Spark cluster: the manifest's cases as a Dataset, repartitioned, each partition
 * scored on its executor by the plain-Java workflow API ({@link CaseWorker}) with the model opened once
 * per executor, into the shared output folder (a file system every executor and the driver see). The
 * folder ends up as a plain {@code medad score --input MANIFEST} run leaves it: maps, scores.csv in the
 * manifest's order, errors.csv, run.json; a rerun skips the cases already complete.
 * <p>
 * {@code spark-submit --class org.medad.spark.ScoreJob medad-spark.jar --model M --manifest CSV --out DIR
 * [--partitions N] [--batch N] [--overwrite]} (see target/medad-spark/medad-spark for the class path).
 */
public final class ScoreJob {
	private ScoreJob() {
	}

	/** What a run did: cases listed, scored now, skipped as complete, failed. */
	public record Outcome(int listed, int scored, int skipped, int failed) {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> a = options(args);
		SparkSession spark = SparkSession.builder().appName("medad-score").getOrCreate();
		try {
			Outcome o = run(spark, Path.of(a.get("--model")), Path.of(a.get("--manifest")), Path.of(a.get("--out")),
					Integer.parseInt(a.getOrDefault("--partitions", "0")), Integer.parseInt(a.getOrDefault("--batch",
							"8")), a.containsKey("--overwrite"));
			System.out.printf("scored %d of %d cases (%d done before), %d failed; scores in %s%n", o.scored(),
					o.listed(), o.skipped(), o.failed(), Path.of(a.get("--out")).resolve("scores.csv").toAbsolutePath());
			if (o.failed() > 0) {
				System.exit(3);
			}
		} finally {
			spark.stop();
		}
	}

	/**
	 * @param partitions 0: the session's default parallelism
	 */
	public static Outcome run(SparkSession spark, Path model, Path manifest, Path out, int partitions, int batch,
			boolean overwrite) throws Exception {
		long t0 = System.nanoTime();
		ModelPackage pkg = ModelPackage.read(model);
		List<Manifest.Row> rows = Manifest.read(manifest);
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("model", model.toAbsolutePath().toString());
		record.put("detector", pkg.manifest().detector());
		record.put("engine", "spark " + spark.version() + ", " + spark.sparkContext().master());
		record.put("batch", batch);
		record.put("cases", rows.size());
		record.put("started", java.time.Instant.now().toString());
		Set<String> done = CaseWorker.begin(pkg, out, overwrite, record);
		List<CaseRow> todo = new ArrayList<>();
		List<String> order = new ArrayList<>();
		for (Manifest.Row r : rows) {
			order.add(r.id());
			if (!done.contains(r.id())) {
				todo.add(new CaseRow(r.id(), r.image() == null ? null : r.image().toString(),
						r.mask() == null ? null : r.mask().toString(), r.problem()));
			}
		}
		int n = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
		String modelPath = model.toAbsolutePath().toString();
		String outPath = out.toAbsolutePath().toString();
		Broadcast<LinkedHashMap<String, List<float[]>>> set = null;
		if (setRelative(spark, modelPath)) {
			// scores relative to the whole set: every scorable case's parts first (those done before too, as a plain
			// resumed run reads them), gathered here in the manifest's order and sent back to the executors
			List<CaseRow> scorable = new ArrayList<>();
			for (Manifest.Row r : rows) {
				if (r.problem() == null && r.image() != null) {
					scorable.add(new CaseRow(r.id(), r.image().toString(), null, null));
				}
			}
			Map<String, List<float[]>> found = new java.util.HashMap<>();
			spark.createDataset(scorable, Encoders.bean(CaseRow.class)).repartition(n).toJavaRDD()
					.mapPartitions(it -> parts(it, modelPath, batch)).collect().forEach(p -> found.put(p.id(),
							List.of(p.parts())));
			LinkedHashMap<String, List<float[]>> ordered = new LinkedHashMap<>();
			for (CaseRow c : scorable) {
				if (found.containsKey(c.getId())) {
					ordered.put(c.getId(), found.get(c.getId()));
				}
			}
			set = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ordered);
			record.put("set_relative_cases", ordered.size());
		}
		Broadcast<LinkedHashMap<String, List<float[]>>> theSet = set;
		Dataset<CaseRow> cases = spark.createDataset(todo, Encoders.bean(CaseRow.class)).repartition(n);
		List<String> results = cases.mapPartitions((MapPartitionsFunction<CaseRow, String>) it -> score(it,
				modelPath, outPath, batch, theSet), Encoders.STRING()).collectAsList();
		if (set != null) {
			set.destroy();
		}
		record.put("partitions", n);
		record.put("scored_now", results.stream().filter(r -> !r.startsWith("!")).count());
		record.put("skipped_complete", done.size());
		record.put("seconds", (System.nanoTime() - t0) / 1e9);
		int failed = CaseWorker.finish(out, order, record);
		return new Outcome(rows.size(), (int) results.stream().filter(r -> !r.startsWith("!")).count(), done.size(),
				failed);
	}

	/**
	 * Whether the model's scores are relative to the set, asked of an executor (which keeps the model it opened for
	 * the partitions to come), so that the driver needs neither the natives nor the weights.
	 */
	private static boolean setRelative(SparkSession spark, String model) {
		return spark.createDataset(List.of(model), Encoders.STRING()).repartition(1).map(
				(org.apache.spark.api.java.function.MapFunction<String, Boolean>) m -> SetParts.needed(ExecutorModels
						.get(m).model()), Encoders.BOOLEAN()).first();
	}

	/** A case's parts from the first pass of a set-relative model. */
	record CaseParts(String id, float[][] parts) implements java.io.Serializable {
	}

	/** The first pass over one partition: each readable case's parts (a case that cannot be read has none). */
	private static Iterator<CaseParts> parts(Iterator<CaseRow> cases, String model, int batch) throws Exception {
		List<CaseParts> out = new ArrayList<>();
		if (!cases.hasNext()) {
			return out.iterator();
		}
		ExecutorModels.Opened opened = ExecutorModels.get(model);
		SetParts first = new SetParts(StandardFormats.create(), opened.pkg(), batch);
		while (cases.hasNext()) {
			CaseRow c = cases.next();
			List<float[]> p = first.of(opened.model(), c.getId(), Path.of(c.getImage()));
			if (p != null) {
				out.add(new CaseParts(c.getId(), p.toArray(float[][]::new)));
			}
		}
		return out.iterator();
	}

	/**
	 * One partition on its executor: the model opened once per JVM, a worker (and journal) per partition; with a
	 * set-relative model the results come from the broadcast set, finished once per executor.
	 */
	private static Iterator<String> score(Iterator<CaseRow> cases, String model, String out, int batch,
			Broadcast<LinkedHashMap<String, List<float[]>>> set) throws Exception {
		if (!cases.hasNext()) {
			return java.util.Collections.emptyIterator();
		}
		ExecutorModels.Opened opened = ExecutorModels.get(model);
		TrainedModel scoring = set == null ? opened.model()
				: ExecutorModels.finished(model, String.valueOf(set.id()), set.value()).model();
		List<String> rows = new ArrayList<>();
		try (CaseWorker worker = new CaseWorker(StandardFormats.create(), opened.pkg(), Path.of(out), batch)) {
			while (cases.hasNext()) {
				CaseRow c = cases.next();
				rows.add(worker.score(scoring, c.getId(), c.getImage() == null ? null : Path.of(c.getImage()),
						c.getMask() == null ? null : Path.of(c.getMask()), c.getProblem()));
			}
		}
		return rows.iterator();
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> m = new LinkedHashMap<>();
		Set<String> flags = new HashSet<>(List.of("--overwrite"));
		for (int i = 0; i < args.length; i++) {
			if (flags.contains(args[i])) {
				m.put(args[i], "true");
			} else if (args[i].startsWith("--") && i + 1 < args.length) {
				m.put(args[i], args[++i]);
			} else {
				throw new IllegalArgumentException("unexpected argument " + args[i] + "; usage: --model M --manifest CSV"
						+ " --out DIR [--partitions N] [--batch N] [--overwrite]");
			}
		}
		for (String required : List.of("--model", "--manifest", "--out")) {
			if (!m.containsKey(required)) {
				throw new IllegalArgumentException(required + " is required; usage: --model M --manifest CSV --out DIR"
						+ " [--partitions N] [--batch N] [--overwrite]");
			}
		}
		return m;
	}
}

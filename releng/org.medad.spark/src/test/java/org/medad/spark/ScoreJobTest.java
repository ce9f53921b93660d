package org.medad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medad.core.detect.InstalledDetector;
import org.medad.core.detect.PackageCheck;
import org.medad.core.detect.TrainedModel;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.detector.pixelstats.PixelStatsDetector;
import org.medad.io.format.StandardFormats;
import org.medad.phantom.PhantomDataset;
import org.medad.phantom.PhantomVolumes;
import org.medad.run.ScoringRun;
import org.medad.run.TrainingRun;

/**
 * The Spark job with {@code local[2]} on a phantom manifest gives exactly the outputs of a plain
 * {@code medad score} over the same manifest (scores, predicted labels, errors, every map byte), and a
 * rerun skips what is complete.
 */
class ScoreJobTest {
	private static SparkSession spark;

	@TempDir
	static Path tmp;

	@BeforeAll
	static void startSpark() {
		spark = SparkSession.builder().master("local[2]").appName("medad-test").config("spark.ui.enabled", "false")
				.config("spark.sql.shuffle.partitions", "2").getOrCreate();
	}

	@AfterAll
	static void stopSpark() {
		if (spark != null) {
			spark.stop();
		}
	}

	@Test
	void sparkOutputsEqualAPlainScoreRun() throws Exception {
		var formats = StandardFormats.create();
		Path data = tmp.resolve("data");
		new PhantomDataset(48, 12, 2, 5, 2, 3).write(data, ProgressMonitor.NULL);
		Path volumes = tmp.resolve("volumes");
		new PhantomVolumes(48, 6, 1, 0, 2, 2, 3).write(volumes, formats, ProgressMonitor.NULL);
		var detector = new InstalledDetector(new PixelStatsDetector(), "org.medad.detector.pixelstats", "spark-test");
		ModelPackage pkg = new TrainingRun(formats, ProgressMonitor.NULL).run(detector, data, tmp.resolve("model"),
				Map.of("size", "32"), 1);
		List<String> lines = new ArrayList<>(List.of("path,label,mask"));
		try (var s = Files.walk(data.resolve("test"))) {
			s.filter(p -> p.toString().endsWith(".png") && p.toString().contains("/img/")).sorted()
					.forEach(p -> lines.add(p + "," + (p.toString().contains("Ungood") ? 1 : 0) + ","));
		}
		try (var s = Files.walk(volumes.resolve("test"))) {
			s.filter(p -> p.toString().endsWith(".nii.gz") && p.toString().contains("/img/")).sorted()
					.forEach(p -> lines.add(p + ",,"));
		}
		lines.add("nowhere.png,1,");
		lines.add(lines.get(1).replace(",0,", ",3,").replace(",1,", ",3,").replace("data/test", "data/./test"));
		Path manifest = tmp.resolve("cases.csv");
		Files.write(manifest, lines);

		Path plain = tmp.resolve("plain");
		int plainFailed;
		try (TrainedModel model = PackageCheck.open(detector.detector(), ModelPackage.read(pkg.folder()))) {
			plainFailed = new ScoringRun(formats, ProgressMonitor.NULL).run(model, pkg, List.of(manifest), plain);
		}
		byte[] input = Files.readAllBytes(Path.of(lines.get(1).split(",")[0]));
		Path viaSpark = tmp.resolve("spark");
		ScoreJob.Outcome o = ScoreJob.run(spark, pkg.folder(), manifest, viaSpark, 2, 8, false);
		assertEquals(2, plainFailed);
		assertEquals(new ScoreJob.Outcome(lines.size() - 1, lines.size() - 3, 0, 2), o);
		assertEquals(scores(plain), scores(viaSpark), "same rows, same order");
		assertEquals(ids(plain.resolve("errors.csv")), ids(viaSpark.resolve("errors.csv")));
		List<Path> maps = new ArrayList<>();
		try (var s = Files.walk(plain)) {
			s.filter(p -> p.toString().endsWith(".tiff") || p.toString().endsWith(".nii.gz")).forEach(maps::add);
		}
		assertTrue(maps.size() >= lines.size() - 3, "a map per scored case: " + maps.size());
		for (Path m : maps) {
			Path other = viaSpark.resolve(plain.relativize(m));
			assertArrayEquals(Files.readAllBytes(m), Files.readAllBytes(other), plain.relativize(m).toString());
		}
		assertFalse(Files.exists(viaSpark.resolve(".parts")), "the workers' journals are merged and removed");
		assertArrayEquals(input, Files.readAllBytes(Path.of(lines.get(1).split(",")[0])), "inputs untouched");

		// a rerun skips every complete case and leaves the same scores
		ScoreJob.Outcome again = ScoreJob.run(spark, pkg.folder(), manifest, viaSpark, 2, 8, false);
		assertEquals(lines.size() - 3, again.skipped());
		assertEquals(0, again.scored());
		assertEquals(scores(plain), scores(viaSpark));

		// another model's folder is refused
		ModelPackage other = new TrainingRun(formats, ProgressMonitor.NULL).run(detector, data, tmp.resolve("model2"),
				Map.of("size", "16"), 1);
		var e = assertThrows(org.medad.core.error.BadInputException.class,
				() -> ScoreJob.run(spark, other.folder(), manifest, viaSpark, 2, 8, false));
		assertTrue(e.getMessage().contains("holds the scores of another model"), e.getMessage());
	}

	/**
	 * The neural detectors on the executors' plain class path: each model opened once per executor on the
	 * standalone compute service, its scores those of a plain run (up to the float noise of other batch
	 * compositions: partitions group the slices differently), a map for every case.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "qfae", "mvfa", "liverfreq" })
	void neuralDetectorsScoreOnExecutorsAsAPlainRunDoes(String id) throws Exception {
		var formats = StandardFormats.create();
		Path root = tmp.resolve("neural-" + id);
		Path data = root.resolve("data");
		new PhantomDataset(32, 8, 2, 3, 1, 5).write(data, ProgressMonitor.NULL);
		var detector = new InstalledDetector(ExecutorModels.detector(id, data), "org.medad.detector." + id, "spark-test");
		ModelPackage pkg = new TrainingRun(formats, ProgressMonitor.NULL).run(detector, data, root.resolve("model"),
				detector.detector().quickSettings(), 3);
		List<String> lines = new ArrayList<>(List.of("path,label,mask"));
		try (var s = Files.walk(data.resolve("test"))) {
			s.filter(p -> p.toString().endsWith(".png") && p.toString().contains("/img/")).sorted()
					.forEach(p -> lines.add(p + "," + (p.toString().contains("Ungood") ? 1 : 0) + ","));
		}
		Path corrupt = Files.write(root.resolve("corrupt.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 });
		int cases = lines.size() - 1;
		lines.add(corrupt + ",1,"); // listed, unreadable: no part in the set, an error row
		Path manifest = root.resolve("cases.csv");
		Files.write(manifest, lines);
		Path plain = root.resolve("plain");
		try (TrainedModel model = PackageCheck.open(detector.detector(), ModelPackage.read(pkg.folder()))) {
			assertEquals(1, new ScoringRun(formats, ProgressMonitor.NULL).run(model, pkg, List.of(manifest), plain));
		}
		Path viaSpark = root.resolve("spark");
		ScoreJob.Outcome o = ScoreJob.run(spark, pkg.folder(), manifest, viaSpark, 2, 4, false);
		assertEquals(new ScoreJob.Outcome(cases + 1, cases, 0, 1), o);
		assertEquals(ids(plain.resolve("errors.csv")), ids(viaSpark.resolve("errors.csv")));
		List<String> a = scores(plain);
		List<String> b = scores(viaSpark);
		assertEquals(a.size(), b.size());
		assertEquals(a.get(0), b.get(0), "header");
		for (int i = 1; i < a.size(); i++) {
			String[] x = a.get(i).split(",");
			String[] y = b.get(i).split(",");
			assertEquals(x[0], y[0], "same case, same order");
			int score = java.util.Arrays.asList(a.get(0).split(",")).indexOf("score");
			double sx = Double.parseDouble(x[score]);
			double sy = Double.parseDouble(y[score]);
			assertEquals(sx, sy, 1e-5 * Math.max(1, Math.abs(sx)), x[0] + ": " + a.get(i) + " / " + b.get(i));
		}
		try (var s = Files.walk(plain)) {
			for (Path m : s.filter(p -> p.toString().endsWith(".tiff")).toList()) {
				assertTrue(Files.size(viaSpark.resolve(plain.relativize(m))) > 0, "map of " + m);
			}
		}
		// a rerun (a set-relative model reads every case again for its set) scores nothing twice
		ScoreJob.Outcome again = ScoreJob.run(spark, pkg.folder(), manifest, viaSpark, 2, 4, false);
		assertEquals(new ScoreJob.Outcome(cases + 1, 0, cases, 1), again, "only the failed case is tried again");
		assertEquals(b, scores(viaSpark));
	}

	/** scores.csv without the timing column. */
	private static List<String> scores(Path out) throws Exception {
		return Files.readAllLines(out.resolve("scores.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(',')))
				.toList();
	}

	private static List<String> ids(Path csv) throws Exception {
		return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[0]).toList();
	}
}

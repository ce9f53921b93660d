package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.format.ImageFormats;
import org.medad.io.format.StandardFormats;

/** What a batch scores (files, series folders, manifests, shards) and how it fails, resumes and refuses. */
class ScoringRunTest {
	@TempDir
	Path tmp;

	private final ImageFormats formats = StandardFormats.create();

	@Test
	void caseIdsAreRelativeToTheCommonFolderAndUnique() throws Exception {
		for (String f : List.of("t/good/img/1.png", "t/Ungood/img/1.png", "t/good/img/2.png")) {
			Files.createDirectories(tmp.resolve(f).getParent());
			Files.writeString(tmp.resolve(f), "x");
		}
		assertEquals(List.of("1.png", "2.png"), ids(tmp.resolve("t/good/img")));
		assertEquals(List.of("good/img/1.png", "good/img/2.png", "Ungood/img/1.png"),
				ids(tmp.resolve("t/good/img"), tmp.resolve("t/Ungood/img")));
		assertEquals(List.of("1.png"), ids(tmp.resolve("t/good/img/1.png")));
		assertThrows(BadInputException.class, () -> ScoringCases.collect(List.of(tmp.resolve("missing"))));
	}

	/** A folder of DICOM files is one volume; a folder that also holds other files is a folder of cases. */
	@Test
	void aDicomSeriesFolderIsOneCase() throws Exception {
		Path series = Files.createDirectories(tmp.resolve("in/patient1/CT"));
		for (int i = 0; i < 3; i++) {
			byte[] b = new byte[200];
			System.arraycopy("DICM".getBytes(), 0, b, 128, 4);
			Files.write(series.resolve("IM" + i), b);
		}
		Files.writeString(tmp.resolve("in/notes.png"), "x");
		assertEquals(List.of("notes.png", "patient1/CT"), ids(tmp.resolve("in")));
		assertEquals(List.of("CT"), ids(series), "the series itself given as input");
		Files.writeString(series.resolve("readme.txt"), "not DICOM");
		assertFalse(ScoringCases.isSeries(series));
	}

	@Test
	void manifestRowsThatCannotBeScoredKeepTheirReason() throws Exception {
		image("a.png", 3f);
		image("b.png", 5f);
		image("e,1.png", 5f);
		Path csv = tmp.resolve("cases.csv");
		Files.writeString(csv, """
				path,label,mask
				a.png,0,
				b.png,2,
				missing.png,1,
				a.png,1,
				"e,1.png",,nomask.png
				""");
		Map<String, ScoringCases.Source> c = ScoringCases.collect(List.of(csv));
		assertEquals(5, c.size(), c.keySet().toString());
		assertEquals(null, c.get("a.png").problem());
		assertTrue(c.get("b.png").problem().contains("line 3: label '2' is not 0 (normal) or 1 (anomalous)"));
		assertTrue(c.get("missing.png").problem().contains("missing.png: no such file"));
		assertTrue(c.get("a.png (line 5)").problem().contains("a.png is listed twice"));
		assertTrue(c.get("e,1.png").problem().contains("mask " + tmp.resolve("nomask.png") + ": no such file"),
				"a quoted path holding a comma, then the mask: " + c);
		Files.writeString(csv, "file,label\na.png,0\n");
		BadInputException e = assertThrows(BadInputException.class, () -> ScoringCases.collect(List.of(csv)));
		assertTrue(e.getMessage().contains("has no 'path' column"), e.getMessage());
	}

	/** Bad rows go to errors.csv with their reason, the rest is scored, and the count of failures is returned. */
	@Test
	void aManifestRunScoresTheGoodRowsAndListsTheBadOnes() throws Exception {
		image("a.png", 3f);
		image("b.png", 5f);
		image("mask-small.png", 0f, 4, 4);
		Path csv = tmp.resolve("cases.csv");
		Files.writeString(csv, "path,label,mask\na.png,0,\nb.png,1,mask-small.png\nc.png,1,\nd.png,7,\n");
		int failed = new ScoringRun(formats, ProgressMonitor.NULL, 2).run(new MeanModel(), pkg("m", 4.0), List.of(csv),
				tmp.resolve("out"));
		assertEquals(3, failed);
		List<String> scored = Files.readAllLines(tmp.resolve("out/scores.csv"));
		assertEquals(2, scored.size(), scored.toString());
		assertTrue(scored.get(1).startsWith("a.png,3"), scored.toString());
		String errors = Files.readString(tmp.resolve("out/errors.csv"));
		assertTrue(errors.contains("mask is [4, 4") && errors.contains("but its image b.png is [8, 8"), errors);
		assertTrue(errors.contains("c.png: no such file"), errors);
		assertTrue(errors.contains("label '7'"), errors);
	}

	/**
	 * A manifest naming its images by absolute paths or with "..": every map lands inside the output folder and the
	 * inputs are never touched (a map named after an absolute id once overwrote its own input picture).
	 */
	@Test
	void mapsOfAbsoluteAndClimbingIdsStayInsideTheOutputFolder() throws Exception {
		Path a = image("in/a.png", 3f);
		Path b = image("in/sub/b.png", 5f);
		byte[] before = Files.readAllBytes(a);
		Path csv = Files.createDirectories(tmp.resolve("lists")).resolve("cases.csv");
		Files.writeString(csv, "path\n" + a + "\n../in/sub/b.png\n");
		Path out = tmp.resolve("out");
		assertEquals(0, new ScoringRun(formats, ProgressMonitor.NULL).run(new MeanModel(), pkg("m", 4.0), List.of(csv),
				out));
		org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(a), "the input is untouched");
		try (var files = Files.walk(tmp.resolve("in"))) {
			assertEquals(2, files.filter(Files::isRegularFile).count(), "nothing written beside the inputs");
		}
		assertTrue(Files.isRegularFile(out.resolve(tmp.resolve("in/a.tiff").toString().substring(1))), "absolute id");
		assertTrue(Files.isRegularFile(out.resolve("__/in/sub/b.tiff")), "'..' kept inside");
		assertEquals(out.resolve("x/y"), MapWriter.base(out, "/x/./y.png"));
		assertEquals(out.resolve("_"), MapWriter.base(out, "/"));
		assertEquals(out.resolve("__/__/etc/passwd"), MapWriter.base(out, "../../etc/passwd"));
	}

	@Test
	void failFastStopsAtTheFirstFailure() throws Exception {
		image("a.png", 3f);
		Files.writeString(tmp.resolve("b.png"), "not a PNG");
		image("c.png", 5f);
		Path in = tmp.resolve("a.png").getParent();
		int failed = new ScoringRun(formats, ProgressMonitor.NULL, 2).failingFast(true).run(new MeanModel(),
				pkg("m", 4.0), List.of(in.resolve("a.png"), in.resolve("b.png"), in.resolve("c.png")), tmp.resolve("out"));
		assertEquals(1, failed);
		assertEquals(2, Files.readAllLines(tmp.resolve("out/scores.csv")).size(), "a scored, c never reached");
		assertTrue(Files.readString(tmp.resolve("out/run.json")).contains("stopped at the first failure"));
	}

	/** Another model's output folder is refused, and replaced only when asked. */
	@Test
	void anotherModelsOutputsAreRefusedUnlessOverwritten() throws Exception {
		Path a = image("a.png", 3f);
		Path out = tmp.resolve("out");
		new ScoringRun(formats, ProgressMonitor.NULL).run(new MeanModel(), pkg("m1", 4.0), List.of(a), out);
		ModelPackage other = pkg("m2", 2.0);
		BadInputException e = assertThrows(BadInputException.class,
				() -> new ScoringRun(formats, ProgressMonitor.NULL).run(new MeanModel(), other, List.of(a), out));
		assertTrue(e.getMessage().contains("holds the scores of another model") && e.getMessage().contains("--overwrite"),
				e.getMessage());
		new ScoringRun(formats, ProgressMonitor.NULL).overwriting(true).run(new MeanModel(), other, List.of(a), out);
		List<String> rows = Files.readAllLines(out.resolve("scores.csv"));
		assertEquals(2, rows.size());
		assertTrue(rows.get(1).startsWith("a.png,3.00000,1,"), "scored again by m2, whose threshold is 2: " + rows);
	}

	/** Shards are disjoint, cover every case, stay put when cases are added, and split evenly enough. */
	@Test
	void shardsPartitionTheCases() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			ids.add("case-" + i + ".nii.gz");
		}
		Set<String> seen = new HashSet<>();
		for (int s = 1; s <= 4; s++) {
			Shard shard = new Shard(s, 4);
			int n = 0;
			for (String id : ids) {
				if (shard.includes(id)) {
					assertTrue(seen.add(id), id + " in two shards");
					n++;
				}
			}
			assertTrue(n > 400 && n < 600, "shard " + s + " holds " + n + " of 2000");
		}
		assertEquals(2000, seen.size());
		assertEquals(new Shard(2, 3), Shard.parse(" 2/3 "));
		for (String bad : List.of("0/3", "4/3", "x/3", "3")) {
			assertThrows(org.medad.core.error.UsageException.class, () -> Shard.parse(bad), bad);
		}
	}

	/** Two shards scored into one folder give exactly the rows of one unsharded run. */
	@Test
	void shardedRunsTogetherEqualOneRun() throws Exception {
		List<Path> in = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			in.add(image("c" + i + ".png", i));
		}
		ModelPackage m = pkg("m", 4.0);
		new ScoringRun(formats, ProgressMonitor.NULL).run(new MeanModel(), m, in, tmp.resolve("whole"));
		Path split = tmp.resolve("split");
		for (int s = 1; s <= 2; s++) {
			new ScoringRun(formats, ProgressMonitor.NULL).sharded(new Shard(s, 2)).run(new MeanModel(), m, in, split);
		}
		assertEquals(scores(tmp.resolve("whole")), scores(split));
	}

	/**
	 * A set-relative model: shards are refused (each would normalise over its own cases), and the two passes of a
	 * distributed run (parts per worker, the set gathered in input order, each worker scoring from it) give exactly
	 * the plain run's scores, whatever the split; an unreadable case takes no part and fails in both.
	 */
	@Test
	void setRelativeScoresRefuseShardsAndTwoPassWorkersEqualOneRun() throws Exception {
		List<Path> in = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			in.add(image("r" + i + ".png", i + 1));
		}
		Files.writeString(tmp.resolve("r9.png"), "broken");
		in.add(2, tmp.resolve("r9.png"));
		ModelPackage m = pkg("rel", 0.5);
		var e = assertThrows(org.medad.core.error.UsageException.class, () -> new ScoringRun(formats,
				ProgressMonitor.NULL).sharded(new Shard(1, 2)).run(new RelativeMeanModel(), m, in, tmp.resolve("sh")));
		assertTrue(e.getMessage().contains("--shard 1/2") && e.getMessage().contains("Spark"), e.getMessage());

		assertEquals(1, new ScoringRun(formats, ProgressMonitor.NULL).run(new RelativeMeanModel(), m, in,
				tmp.resolve("one")));
		Map<String, String> one = scores(tmp.resolve("one"));
		assertEquals("1.00000,1", one.get("r5.png"), "the largest mean scores 1 against the set");

		Path two = tmp.resolve("two");
		RelativeMeanModel model = new RelativeMeanModel();
		CaseWorker.begin(m, two, false, new java.util.LinkedHashMap<>());
		SetParts first = new SetParts(formats, m, 4);
		Map<String, List<float[]>> parts = new java.util.LinkedHashMap<>();
		for (Path p : in) {
			List<float[]> found = first.of(model, p.getFileName().toString(), p);
			if (found != null) {
				parts.put(p.getFileName().toString(), found);
			}
		}
		assertEquals(6, parts.size(), "the broken case has no parts");
		SetParts.Finished set = SetParts.finish(model, parts);
		for (List<Path> half : List.of(in.subList(0, 3), in.subList(3, in.size()))) { // two workers
			try (CaseWorker w = new CaseWorker(formats, m, two, 4)) {
				org.medad.core.detect.TrainedModel scoring = set.model();
				for (Path p : half) {
					w.score(scoring, p.getFileName().toString(), p, null, null);
				}
			}
		}
		assertEquals(1, CaseWorker.finish(two, in.stream().map(p -> p.getFileName().toString()).toList(),
				new java.util.LinkedHashMap<>()));
		assertEquals(one, scores(two));
		assertThrows(IllegalArgumentException.class, () -> first.of(new MeanModel(), "x", in.get(0)));
	}

	/** A score output folder read back for review: each case with its score, label, input and map, in order. */
	@Test
	void scoreResultsListEachCaseWithItsInputAndMap() throws Exception {
		List<Path> in = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			in.add(image("rev/c" + i + ".png", i * 3));
		}
		Path out = tmp.resolve("rev-out");
		new ScoringRun(formats, ProgressMonitor.NULL).run(new MeanModel(), pkg("rv", 4.0), in, out);
		List<ScoreResults.Case> cases = ScoreResults.read(out);
		assertEquals(List.of("c0.png", "c1.png", "c2.png"), cases.stream().map(ScoreResults.Case::id).toList());
		assertEquals(6.0, cases.get(2).score(), 1e-6);
		assertEquals(List.of(false, false, true), cases.stream().map(ScoreResults.Case::anomalous).toList(),
				"threshold 4: only the mean of 6 is anomalous");
		for (int i = 0; i < 3; i++) {
			assertEquals(in.get(i).toAbsolutePath().normalize(), cases.get(i).image().toAbsolutePath().normalize());
			assertEquals(out.resolve("c" + i + ".tiff"), cases.get(i).map());
		}
		assertThrows(BadInputException.class, () -> ScoreResults.read(tmp.resolve("rev")), "not an output folder");
	}

	/** The true label shows where the input's BMAD folder says it, and nowhere else. */
	@Test
	void reviewedCasesKnowTheirLabelFromTheirBmadFolder() {
		java.util.function.Function<String, Boolean> truth = p -> new ScoreResults.Case("x", 1, false, p == null ? null
				: Path.of(p), null, null).truth();
		assertEquals(Boolean.TRUE, truth.apply("/data/brain/test/Ungood/img/001.png"));
		assertEquals(Boolean.FALSE, truth.apply("/data/brain/test/good/img/001.png"));
		assertEquals(Boolean.FALSE, truth.apply("/data/chest/valid/good/002.png"));
		assertEquals(null, truth.apply("/scans/goodness/img/001.png"));
		assertEquals(null, truth.apply("/good/a/b/001.png"), "only the image's own folder or the one above");
		assertEquals(null, truth.apply(null));
	}

	/** Single slices of consecutive cases share detector calls up to the batch; read-ahead changes no result. */
	@Test
	void slicesOfConsecutiveCasesShareDetectorCallsAndReadAheadChangesNothing() throws Exception {
		List<Path> in = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			in.add(image("c" + i + ".png", i));
		}
		Files.writeString(tmp.resolve("c7.png"), "broken");
		in.add(3, tmp.resolve("c7.png"));
		ModelPackage m = pkg("m", 4.0);
		MeanModel ahead = new MeanModel();
		int failed = new ScoringRun(formats, ProgressMonitor.NULL, 3).run(ahead, m, in, tmp.resolve("ahead"));
		assertEquals(1, failed);
		assertEquals(List.of(3, 3, 1), ahead.batches, "c0-c2 together; c7 fails apart; c3-c5; c6");
		MeanModel inline = new MeanModel();
		new ScoringRun(formats, ProgressMonitor.NULL, 3).readingAhead(0, 1).run(inline, m, in, tmp.resolve("inline"));
		assertEquals(List.of(3, 3, 1), inline.batches);
		assertEquals(scores(tmp.resolve("ahead")), scores(tmp.resolve("inline")));
		List<String> ids = Files.readAllLines(tmp.resolve("ahead/scores.csv")).stream().skip(1)
				.map(l -> l.split(",")[0]).toList();
		assertEquals(List.of("c0.png", "c1.png", "c2.png", "c3.png", "c4.png", "c5.png", "c6.png"), ids,
				"rows in input order");
		assertTrue(Files.readString(tmp.resolve("ahead/errors.csv")).contains("c7.png"));
	}

	/** The read-ahead holds at most its case count and voxel budget, yet always lets one case through. */
	@Test
	void readAheadStaysWithinItsBounds() throws Exception {
		List<Map.Entry<String, ScoringCases.Source>> todo = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Path p = image("r" + i + ".png", i, 16, 16);
			todo.add(Map.entry("r" + i, new ScoringCases.Source(p, null, i == 2 ? "listed twice" : null)));
		}
		CaseScorer scorer = new CaseScorer(formats, org.medad.io.dataset.SliceSpec.ALL_AXIAL, 1);
		// 16 x 16 slices as read plus their pipeline copy: 512 voxels each; a budget of 600 holds one at a time
		try (ReadAhead big = new ReadAhead(todo, scorer, 4, 1 << 20)) {
			Thread.sleep(300);
			assertEquals(4, big.waiting(), "four cases ahead at most");
		}
		try (ReadAhead ahead = new ReadAhead(todo, scorer, 4, 600)) {
			List<String> order = new ArrayList<>();
			Thread.sleep(300);
			assertEquals(1, ahead.waiting(), "the voxel budget holds one case, and lets it through");
			for (ReadAhead.Item it; (it = ahead.next()) != null;) {
				order.add(it.id() + (it.error() == null ? "" : "!"));
			}
			assertEquals(List.of("r0", "r1", "r2!", "r3", "r4", "r5"), order);
		}
	}

	private Map<String, String> scores(Path out) throws Exception {
		Map<String, String> m = new java.util.TreeMap<>();
		for (String line : Files.readAllLines(out.resolve("scores.csv")).subList(1,
				Files.readAllLines(out.resolve("scores.csv")).size())) {
			String[] c = line.split(",");
			m.put(c[0], c[1] + "," + c[2]);
		}
		return m;
	}

	private List<String> ids(Path... inputs) throws Exception {
		return List.copyOf(ScoringCases.collect(List.of(inputs)).keySet());
	}

	private Path image(String name, float value) throws Exception {
		return image(name, value, 8, 8);
	}

	private Path image(String name, float value, int w, int h) throws Exception {
		float[] px = new float[w * h];
		java.util.Arrays.fill(px, value);
		Path f = tmp.resolve(name);
		Files.createDirectories(f.getParent());
		formats.write(Volume.ofPixels(name, Images.wrap(px, w, h)), f);
		return f;
	}

	private ModelPackage pkg(String name, double threshold) throws Exception {
		var manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef("mean", "1"),
				Map.of("name", name), Map.of(), new ModelManifest.Thresholds(threshold, null, "test"), null, List.of(),
				List.of());
		return ModelPackage.write(tmp.resolve(name), manifest, Map.of("w", Tensor.of(new float[] { 0 }, 1)));
	}
}

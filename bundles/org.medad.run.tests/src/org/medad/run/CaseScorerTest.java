package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.Tensor;
import org.medad.io.dataset.SliceSpec;
import org.medad.io.dataset.Slicing;
import org.medad.io.format.StandardFormats;

/**
 * A volume goes to the detector in batches of the requested size and its slice maps land on their slices; built from
 * plain constructors (no services), as a distributed worker builds it.
 */
class CaseScorerTest {
	@TempDir
	Path tmp;

	@Test
	void aVolumeIsScoredInBatchesAndItsMapsStackedOntoTheirSlices() throws Exception {
		int nx = 6;
		int ny = 4;
		int nz = 10;
		float[] voxels = new float[nx * ny * nz];
		for (int z = 0; z < nz; z++) {
			for (int i = 0; i < nx * ny; i++) {
				voxels[z * nx * ny + i] = z; // each axial slice holds its index
			}
		}
		Path file = tmp.resolve("v.nii.gz");
		var formats = StandardFormats.create();
		formats.write(new Volume("v", Images.wrap(voxels, nx, ny, nz), new Geometry(new double[] { 1, 1, 2 },
				new double[3], new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, true), "CT", Map.of()), file);
		MeanModel model = new MeanModel();
		CaseScorer.Scored s = new CaseScorer(formats, SliceSpec.ALL_AXIAL, 3).score(model, file);
		assertEquals(List.of(3, 3, 3, 1), model.batches);
		assertEquals(9.0, s.score(), 1e-6, "the most anomalous slice");
		for (int z = 0; z < nz; z++) {
			assertEquals(z, s.map()[z * nx * ny + 5], 1e-5, "slice " + z);
		}

		MeanModel part = new MeanModel();
		var spec = new SliceSpec(Slicing.Plane.AXIAL, 2, 7);
		CaseScorer.Scored p = new CaseScorer(formats, spec, 4).score(part, file);
		assertEquals(List.of(4, 1), part.batches);
		assertEquals(6.0, p.score(), 1e-6);
		assertEquals(0, p.map()[1 * nx * ny], 0f, "outside the trained range the map is zero");
		assertEquals(2, p.map()[2 * nx * ny], 1e-5);
		assertEquals(0, p.map()[7 * nx * ny], 0f);
	}

	@Test
	void aScoringRunNeedsNoServices() throws Exception {
		var formats = StandardFormats.create();
		float[] px = new float[8 * 8];
		java.util.Arrays.fill(px, 3f);
		Path input = java.nio.file.Files.createDirectories(tmp.resolve("in"));
		formats.write(Volume.ofPixels("a", Images.wrap(px, 8, 8)), input.resolve("a.png"));
		var manifest = new org.medad.core.model.ModelManifest(org.medad.core.model.ModelManifest.FORMAT_VERSION,
				new org.medad.core.model.ModelManifest.DetectorRef("mean", "1"), Map.of(), Map.of(),
				new org.medad.core.model.ModelManifest.Thresholds(2.0, null, "test"), null, List.of(), List.of());
		var pkg = org.medad.core.model.ModelPackage.write(tmp.resolve("model"), manifest,
				Map.of("w", Tensor.of(new float[] { 0 }, 1)));
		int failed = new ScoringRun(formats, org.medad.core.progress.ProgressMonitor.NULL, 2).run(new MeanModel(), pkg,
				List.of(input), tmp.resolve("out"));
		assertEquals(0, failed);
		List<String> rows = java.nio.file.Files.readAllLines(tmp.resolve("out/scores.csv"));
		assertEquals(2, rows.size(), rows.toString());
		String[] cols = rows.get(1).split(",");
		assertEquals("a.png", cols[0]);
		assertEquals(3.0, Double.parseDouble(cols[1]), 1e-6);
		assertEquals("1", cols[2], "above the package's threshold of 2");
		assertEquals(true, java.nio.file.Files.isRegularFile(tmp.resolve("out/a.tiff")), "the float map is written");
		var record = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(tmp.resolve("out/run.json")))
				.getAsJsonObject();
		assertEquals("cpu", record.get("device").getAsString(), "the model's device, as it reports it");
		assertEquals(2, record.get("batch").getAsInt());
	}

	private Path volume(String name, int nx, int ny, int nz) throws Exception {
		float[] voxels = new float[nx * ny * nz];
		for (int i = 0; i < voxels.length; i++) {
			voxels[i] = (i * 37 % 101) + (i / (nx * ny)) * 0.5f;
		}
		Path file = tmp.resolve(name);
		StandardFormats.create().write(new Volume("v", Images.wrap(voxels, nx, ny, nz), new Geometry(
				new double[] { 0.8, 0.9, 2.5 }, new double[] { -10, 4, 7 }, new double[] { 0, 1, 0, -1, 0, 0, 0, 0, 1 },
				true), "CT", Map.of()), file);
		return file;
	}

	@Test
	void aStreamedVolumeGivesTheScoreAndMapOfAWholeRead() throws Exception {
		var formats = StandardFormats.create();
		for (String name : List.of("s.nii.gz", "s.nii")) {
			Path file = volume(name, 7, 5, 11);
			for (SliceSpec spec : List.of(SliceSpec.ALL_AXIAL, new SliceSpec(Slicing.Plane.AXIAL, 3, 8))) {
				// read ahead on a thread of its own, or each slice when its turn comes: the same map
				CaseScorer scorer = new CaseScorer(formats, spec, 3).readingSlicesAhead(spec.from() == 0 ? 0 : 4);
				MeanModel streamedModel = new MeanModel();
				Path streamedBase = tmp.resolve("streamed-" + name + spec.from());
				double streamed = scorer.scoreInto(streamedModel, file, streamedBase, new MapWriter(0, 1));
				CaseScorer.Scored whole = scorer.score(new MeanModel(), file);
				Path wholeBase = tmp.resolve("whole-" + name + spec.from());
				scorer.writeMap(whole, wholeBase, new MapWriter(0, 1));
				assertEquals(whole.score(), streamed, 0.0, name + " " + spec);
				assertEquals(spec.from() == 0 ? List.of(3, 3, 3, 2) : List.of(3, 2), streamedModel.batches);
				Volume a = formats.read(tmp.resolve(streamedBase.getFileName() + ".nii.gz"));
				Volume b = formats.read(tmp.resolve(wholeBase.getFileName() + ".nii.gz"));
				org.junit.jupiter.api.Assertions.assertArrayEquals(Images.toArray(b.voxels()), Images.toArray(a.voxels()),
						0f, name);
				assertEquals(b.geometry(), a.geometry(), "the map keeps the input's geometry");
			}
		}
	}

	@Test
	void aTruncatedVolumeIsRefusedNamingTheFileAndLeavesNoMap() throws Exception {
		Path file = volume("t.nii", 8, 8, 6);
		byte[] bytes = java.nio.file.Files.readAllBytes(file);
		java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
		var e = org.junit.jupiter.api.Assertions.assertThrows(org.medad.core.error.BadInputException.class,
				() -> new CaseScorer(StandardFormats.create(), SliceSpec.ALL_AXIAL, 2).readingSlicesAhead(3)
						.scoreInto(new MeanModel(), file, tmp.resolve("out/t"), new MapWriter(0, 1)));
		org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(file.toString())
				&& e.getMessage().contains("truncated"), e.getMessage());
		java.nio.file.Files.createDirectories(tmp.resolve("out"));
		try (var left = java.nio.file.Files.list(tmp.resolve("out"))) {
			assertEquals(List.of(), left.toList(), "no partial map");
		}
	}
}

package org.medad.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;
import org.medad.phantom.BrainPhantom;
import org.medad.phantom.BrainSlice;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Train on a slice range of NIfTI volumes and evaluate volumes against mask volumes, end to end in OSGi. */
class VolumeDatasetTest {
	private static final int SIDE = 48, DEPTH = 6;

	@TempDir
	Path tmp;

	private static <T> T service(Class<T> type) throws InterruptedException {
		var ctx = FrameworkUtil.getBundle(VolumeDatasetTest.class).getBundleContext();
		ServiceTracker<T, T> t = new ServiceTracker<>(ctx, type, null);
		t.open();
		return t.waitForService(10_000);
	}

	/** A volume whose slices are phantom slices of one subject; lesions only in slices 2 and 3. */
	private static Volume[] volume(BrainPhantom phantom, long subject, boolean lesion) {
		float[] img = new float[SIDE * SIDE * DEPTH];
		float[] mask = new float[img.length];
		for (int z = 0; z < DEPTH; z++) {
			BrainSlice s = lesion && (z == 2 || z == 3) ? phantom.withLesions(subject, 1) : phantom.normal(subject);
			System.arraycopy(s.image(), 0, img, z * SIDE * SIDE, SIDE * SIDE);
			System.arraycopy(s.mask(), 0, mask, z * SIDE * SIDE, SIDE * SIDE);
		}
		Geometry g = new Geometry(new double[] { 1, 1, 3 }, new double[] { -24, -24, 0 },
				new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, true);
		return new Volume[] { new Volume("v", Images.wrap(img, SIDE, SIDE, DEPTH), g, "MR", Map.of()),
				new Volume("m", Images.wrap(mask, SIDE, SIDE, DEPTH), g, "SEG", Map.of()) };
	}

	@Test
	void imagesAndMasksMatchedByNameNnUnetStyle() throws Exception {
		ImageFormats formats = service(ImageFormats.class);
		BrainPhantom phantom = new BrainPhantom(SIDE);
		Path data = tmp.resolve("paired");
		for (int i = 0; i < 6; i++) {
			Volume[] v = volume(phantom, 700 + i, i >= 3);
			formats.write(v[0], data.resolve("imagesTr/case" + i + "_0000.nii.gz"));
			formats.write(v[1], data.resolve("labelsTr/case" + i + ".nii.gz"));
		}
		var dataset = org.medad.io.dataset.Datasets.open(data, formats);
		assertEquals(3, dataset.training().size(), "cases with empty masks are the normal ones");
		assertEquals(6, dataset.cases("test").size());
		assertTrue(dataset.cases("test").get(5).anomalous());
		CommandLine cli = service(CommandLine.class);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
		assertEquals(0, cli.execute(new String[] { "train", "--detector", "pixelstats", "--data", data.toString(),
				"--out", tmp.resolve("pm").toString(), "--set", "size=48" }, new PrintStream(new ByteArrayOutputStream()),
				errs), err.toString(StandardCharsets.UTF_8));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(0, cli.execute(new String[] { "evaluate", "--model", tmp.resolve("pm").toString(), "--data",
				data.toString(), "--out", tmp.resolve("pe").toString(), "--json" }, new PrintStream(out, true,
						StandardCharsets.UTF_8), errs), err.toString(StandardCharsets.UTF_8));
		JsonObject m = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
		assertEquals(3, m.get("n_anomalous").getAsInt());
		assertTrue(m.get("pixel_auroc").getAsDouble() > 0.8, m.toString());
	}

	@Test
	void trainOnSliceRangeAndEvaluateVolumes() throws Exception {
		ImageFormats formats = service(ImageFormats.class);
		BrainPhantom phantom = new BrainPhantom(SIDE);
		Path data = tmp.resolve("data");
		for (int i = 0; i < 8; i++) {
			formats.write(volume(phantom, 100 + i, false)[0], data.resolve("train/good/v" + i + ".nii.gz"));
		}
		for (int i = 0; i < 4; i++) {
			formats.write(volume(phantom, 500 + i, false)[0], data.resolve("test/good/img/n" + i + ".nii.gz"));
			Volume[] sick = volume(phantom, 600 + i, true);
			formats.write(sick[0], data.resolve("test/Ungood/img/a" + i + ".nii.gz"));
			formats.write(sick[1], data.resolve("test/Ungood/label/a" + i + ".nii.gz"));
		}
		CommandLine cli = service(CommandLine.class);
		Path model = tmp.resolve("model");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = cli.execute(new String[] { "train", "--detector", "pixelstats", "--data", data.toString(), "--out",
				model.toString(), "--set", "size=48", "--slices", "1:5" }, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		JsonObject manifest = JsonParser.parseString(Files.readString(model.resolve("model.json"))).getAsJsonObject();
		assertEquals("axial slices 1..4", manifest.getAsJsonObject("preprocessing").get("slices").getAsString());
		assertEquals(8 * 4, manifest.getAsJsonObject("preprocessing").get("trainingSlices").getAsInt());

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		code = cli.execute(new String[] { "evaluate", "--model", model.toString(), "--data", data.toString(), "--out",
				tmp.resolve("eval").toString(), "--json", "--maps" }, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		JsonObject m = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
		assertEquals(4, m.get("n_normal").getAsInt());
		assertEquals(4, m.get("n_anomalous").getAsInt());
		assertTrue(m.get("pixel_auroc").getAsDouble() > 0.8, m.toString());
		assertTrue(Files.isRegularFile(tmp.resolve("eval/maps/test/Ungood/img/a0.nii.gz")), "volume maps as NIfTI");
		// volumes are scored on the trained slice range 1..4 only: slices 0 and 5 of the map stay zero
		float[] map = org.medad.core.image.Images.toArray(formats.read(tmp.resolve("eval/maps/test/Ungood/img/a0.nii.gz"))
				.voxels());
		int n = SIDE * SIDE;
		for (int i = 0; i < n; i++) {
			assertEquals(0f, map[i], "slice 0 is outside the trained range");
			assertEquals(0f, map[5 * n + i], "slice 5 is outside the trained range");
		}
		double inside = 0;
		for (int i = 2 * n; i < 3 * n; i++) {
			inside = Math.max(inside, map[i]);
		}
		assertTrue(inside > 0, "slice 2 is scored");
	}
}

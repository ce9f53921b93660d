package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.Channels;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.InstalledDetector;
import org.medad.core.detect.LearnsFrom;
import org.medad.core.detect.Shot;
import org.medad.core.detect.SliceSource;
import org.medad.core.detect.TrainedModel;
import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.detect.TrainingData;
import org.medad.core.error.ModelException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;
import org.medad.core.progress.ProgressMonitor;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;
import org.medad.io.format.StandardFormats;
import org.medad.phantom.PhantomDataset;
import org.medad.phantom.PhantomVolumes;

/**
 * The workflows run the input a detector declares (channels and steps) on every slice in training, on the shots and
 * in scoring, and record it in model.json; scoring runs what the package recorded.
 */
class InputPipelineTest {
	private static final List<String> STEPS = List.of("resize 16 bilinear", "window 0,255");

	@TempDir
	Path tmp;

	/** A few-shot RGB detector at 16 px: keeps what it was given; its model scores by the mean of channel 0. */
	private static final class RgbProbe implements AnomalyDetector {
		TrainingData seen;
		final List<Volume> scored = new ArrayList<>();
		final InputSpec input;

		RgbProbe() {
			this(new InputSpec("axial", 16, Channels.RGB, STEPS));
		}

		RgbProbe(InputSpec input) {
			this.input = input;
		}

		@Override
		public DetectorDescriptor descriptor() {
			return new DetectorDescriptor("rgbprobe", "RGB probe", "1", LearnsFrom.FEW_SHOT, input, "");
		}

		@Override
		public SettingsSchema settingsSchema() {
			return SettingsSchema.of();
		}

		@Override
		public TrainedModel train(TrainingData data, Settings settings, long seed, ProgressMonitor monitor,
				TrainingCheckpoints checkpoints) {
			seen = data;
			return model();
		}

		@Override
		public TrainedModel train(SliceSource normals, Settings settings, long seed, ProgressMonitor monitor) {
			return model();
		}

		@Override
		public TrainedModel load(ModelPackage model) {
			return model();
		}

		private TrainedModel model() {
			return new TrainedModel() {
				@Override
				public DetectorDescriptor descriptor() {
					return RgbProbe.this.descriptor();
				}

				@Override
				public Settings settings() {
					return new Settings(Map.of());
				}

				@Override
				public AnomalyResult score(Volume slice) {
					scored.add(slice);
					double mean = mean(slice, 0);
					return new AnomalyResult(mean, new float[] { 0, 1, 2, 3 }, 2, 2);
				}

				@Override
				public Map<String, Tensor> weights() {
					return Map.of("w", Tensor.of(new float[] { 1 }, 1));
				}
			};
		}
	}

	private static double mean(Volume slice, int channel) {
		float[] px = Images.toArray(slice.voxels());
		int n = slice.width() * slice.height();
		double s = 0;
		for (int i = channel * n; i < (channel + 1) * n; i++) {
			s += px[i];
		}
		return s / n;
	}

	private static void assertTaken(Volume v, String what) {
		assertEquals(3, v.channels(), what + ": three channels");
		assertEquals(16, v.width(), what + ": resized");
		assertEquals(16, v.height(), what + ": resized");
		for (float f : Images.toArray(v.voxels())) {
			assertTrue(f >= 0 && f <= 1, what + ": windowed to [0,1]: " + f);
		}
	}

	@Test
	void trainingShotsAndScoringAllGoThroughTheDeclaredInput() throws Exception {
		Path data = tmp.resolve("data");
		new PhantomDataset(64, 4, 4, 2, 2, 5).write(data, ProgressMonitor.NULL);
		RgbProbe probe = new RgbProbe();
		ModelPackage pkg = new TrainingRun(StandardFormats.create(), ProgressMonitor.NULL)
				.withShots(ShotSelection.seeded(1))
				.run(new InstalledDetector(probe, "test", "1"), data, tmp.resolve("m"), Map.of(), 7);

		assertTaken(probe.seen.normals().load(0), "a training slice");
		Volume first = probe.seen.normals().load(0);
		float[] px = Images.toArray(first.voxels());
		for (int i = 0; i < 256; i++) {
			assertEquals(px[i], px[256 + i], 0, "grey repeated into the channels");
		}
		for (Shot s : probe.seen.shots()) {
			assertTaken(s.image(), s.id());
			if (s.mask() != null) {
				assertEquals(16, s.mask().width(), s.id() + ": its mask is on the resized grid");
				assertEquals(16, s.mask().height());
				for (float f : Images.toArray(s.mask().voxels())) {
					assertTrue(f == 0 || f == 1 || f == 255, "the mask stays binary: " + f);
				}
			}
		}
		assertTrue(!probe.scored.isEmpty(), "calibration scored valid/");
		probe.scored.forEach(v -> assertTaken(v, "a calibration slice"));

		@SuppressWarnings("unchecked")
		Map<String, Object> input = (Map<String, Object>) pkg.manifest().preprocessing().get("input");
		assertEquals("rgb", input.get("channels"));
		assertEquals(STEPS, input.get("steps"));
		assertEquals("grey to 3 channels -> resize 16x16 bilinear -> window [0.0, 255.0] to [0,1]",
				input.get("pipeline"));

		// a colour picture keeps its colour: channel 0 reaches the model as red, not as luma
		Path picture = tmp.resolve("in/colour.png");
		Files.createDirectories(picture.getParent());
		BufferedImage rgb = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 24; y++) {
			for (int x = 0; x < 32; x++) {
				rgb.setRGB(x, y, (200 << 16) | (100 << 8));
			}
		}
		ImageIO.write(rgb, "png", picture.toFile());
		RgbProbe scoring = new RgbProbe();
		ModelPackage read = ModelPackage.read(pkg.folder());
		new ScoringRun(StandardFormats.create(), ProgressMonitor.NULL).run(scoring.load(read), read,
				List.of(picture.getParent()), tmp.resolve("out"));
		Volume given = scoring.scored.get(0);
		assertTaken(given, "the scored picture");
		assertEquals(200 / 255.0, mean(given, 0), 1e-6, "red");
		assertEquals(100 / 255.0, mean(given, 1), 1e-6, "green");
		assertEquals(0, mean(given, 2), 1e-6, "blue");
		String csv = Files.readString(tmp.resolve("out/scores.csv"));
		assertTrue(csv.contains("colour.png,0.784314,"), "the score reached scores.csv: " + csv);
		Volume map = StandardFormats.create().read(tmp.resolve("out/colour.tiff"));
		assertEquals(32, map.width(), "the map is on the picture's own grid");
		assertEquals(24, map.height());
	}

	@Test
	void scoringRunsTheRecordedInputAndRefusesAMalformedOne() throws Exception {
		Path data = tmp.resolve("data");
		new PhantomDataset(32, 2, 2, 2, 2, 5).write(data, ProgressMonitor.NULL);
		ModelPackage pkg = new TrainingRun(StandardFormats.create(), ProgressMonitor.NULL)
				.withShots(ShotSelection.seeded(1))
				.run(new InstalledDetector(new RgbProbe(), "test", "1"), data, tmp.resolve("m"), Map.of(), 7);
		assertEquals(List.of("resize 16 bilinear", "window 0,255"), InputPipeline.of(pkg).steps());
		assertEquals(Channels.RGB, InputPipeline.of(pkg).channels());

		Map<String, Object> old = new java.util.LinkedHashMap<>(pkg.manifest().preprocessing());
		old.remove("input");
		assertSame(InputPipeline.GREY, InputPipeline.of(rewrite(pkg, old, "old")), "packages from before: grey as read");

		Map<String, Object> bad = new java.util.LinkedHashMap<>(pkg.manifest().preprocessing());
		bad.put("input", Map.of("channels", "rgb", "steps", List.of("resize sixteen bilinear")));
		ModelPackage edited = rewrite(pkg, bad, "bad");
		ModelException e = assertThrows(ModelException.class, () -> InputPipeline.of(edited));
		assertTrue(e.getMessage().contains("model.json: preprocessing.input") && e.getMessage().contains("sixteen"),
				e.getMessage());
		bad.put("input", Map.of("channels", "cmyk", "steps", List.of()));
		ModelException c = assertThrows(ModelException.class, () -> InputPipeline.of(rewrite(pkg, bad, "cmyk")));
		assertTrue(c.getMessage().contains("cmyk"), c.getMessage());
	}

	@Test
	void afterACropMapsGoBackWhereTheCropWasAndMasksComeFromThere() throws Exception {
		// a 20x10 "organ" at x 30..49, y 40..49 of a 100x80 slice on black: the 32 canvas holds it unscaled at (6, 11)
		float[] px = new float[100 * 80];
		float[] mask = new float[100 * 80];
		for (int y = 40; y < 50; y++) {
			for (int x = 30; x < 50; x++) {
				px[y * 100 + x] = 100;
			}
		}
		mask[45 * 100 + 35] = 1;
		Volume slice = Volume.ofPixels("organ", Images.wrap(px, 100, 80));
		InputPipeline crop = InputPipeline.of(new InputSpec("axial", 32, Channels.GREY, List.of("liver-roi 32")));
		Volume given = crop.apply(slice);
		assertEquals(32, given.width());
		float[] ones = new float[32 * 32];
		java.util.Arrays.fill(ones, 1);
		float[] back = crop.mapOn(new AnomalyResult(1, ones, 32, 32), slice, given);
		assertEquals(100 * 80, back.length);
		assertEquals(1, back[45 * 100 + 40], 1e-6, "inside the organ's box");
		assertEquals(1, back[(40 - 11) * 100 + 30 - 6], 1e-6, "the canvas' corner lands 11 rows, 6 columns before it");
		assertEquals(0, back[10 * 100 + 90], 1e-6, "beyond the canvas: zero");
		Volume onCanvas = crop.maskOn(Volume.ofPixels("mask", Images.wrap(mask, 100, 80)), given);
		float[] m = Images.toArray(onCanvas.voxels());
		assertEquals(1, m[(45 - 40 + 11) * 32 + 35 - 30 + 6], "the mask pixel at the same place of the organ");
		assertEquals(1, sumOf(m), 1e-6);
		// without a crop the map is stretched over the slice as before
		InputPipeline plain = InputPipeline.of(new InputSpec("axial", 32, Channels.GREY, List.of("resize 32 bilinear")));
		float[] stretched = plain.mapOn(new AnomalyResult(1, ones, 32, 32), slice, plain.apply(slice));
		assertEquals(1, stretched[10 * 100 + 90], 1e-6);
	}

	private static double sumOf(float[] v) {
		double s = 0;
		for (float f : v) {
			s += f;
		}
		return s;
	}

	@Test
	void volumesAreSlicedInThePlaneTheDetectorDeclares() throws Exception {
		Path data = tmp.resolve("vols");
		new PhantomVolumes(32, 6, 2, 1, 1, 1, 3).write(data, StandardFormats.create(), ProgressMonitor.NULL);
		RgbProbe probe = new RgbProbe(new InputSpec("coronal", 16));
		ModelPackage pkg = new TrainingRun(StandardFormats.create(), ProgressMonitor.NULL).withShots(ShotSelection.seeded(1))
				.run(new InstalledDetector(probe, "test", "1"), data, tmp.resolve("m"), Map.of(), 1);
		assertEquals(64, probe.seen.normals().size(), "2 volumes x 32 coronal slices");
		Volume slice = probe.seen.normals().load(0);
		assertEquals(32, slice.width(), "x");
		assertEquals(6, slice.height(), "z: a coronal slice");
		assertEquals("coronal", pkg.manifest().preprocessing().get("slicePlane"));
	}

	private ModelPackage rewrite(ModelPackage pkg, Map<String, Object> preprocessing, String name) throws Exception {
		ModelManifest m = pkg.manifest();
		ModelManifest changed = new ModelManifest(m.formatVersion(), m.detector(), m.settings(), preprocessing,
				m.thresholds(), m.training(), List.of(), m.references());
		return ModelPackage.write(tmp.resolve(name), changed, Map.of("w", Tensor.of(new float[] { 1 }, 1)));
	}
}

package org.medad.detector.qfae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;
import org.medad.detector.qfae.importer.QfaeCheckpointImporter;
import org.medad.detector.qfae.net.QfaeNetworks;
import org.medad.detector.qfae.score.ImageScore;
import org.medad.detector.qfae.score.PerceptualMaps;
import org.medad.importer.Imported;
import org.medad.importer.vit.VitResample;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.Checkpoints;
import org.medad.nn.checkpoint.NumpyArchive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The acceptance test of QFAE (issue 13): the official code's checkpoint and perceptual weights of
 * {@code ../shared/fixtures/qfae-micro}, imported and scored here, reproduce its reconstruction, per-block raw and
 * resized maps, pixel maps and image scores within 1e-4; the resampled encoder and MAE embeddings match timm's.
 */
class ParityTest {
	static final double TOL = 1e-4;
	static Path dir;
	static Map<String, Tensor> outputs;

	@TempDir
	static Path tmp;

	@BeforeAll
	static void fixture() throws Exception {
		dir = QfaeTesting.shared("qfae-micro");
		outputs = NumpyArchive.read(dir.resolve("outputs.npz"));
	}

	static Imported importMicro(NDManager m) throws Exception {
		Map<String, Tensor> sd = new LinkedHashMap<>(Checkpoints.read(dir.resolve("last_ckpt.pth")));
		sd.putAll(Checkpoints.read(dir.resolve("frozen/mae_vit_small_patch16_224.native.safetensors")));
		Path arch = tmp.resolve("micro.json");
		Files.writeString(arch, Architectures.toJson(QfaeTesting.micro()));
		List<String> log = new ArrayList<>();
		return new QfaeCheckpointImporter().convert(m, Checkpoints.unwrap(sd), arch.toString(), log::add);
	}

	@Test
	void importedCheckpointScoresAsTheOfficialCode() throws Exception {
		try (NDManager m = QfaeTesting.manager()) {
			Imported imported = importMicro(m);
			assertEquals("qfae", imported.detector());
			QfaeConfig c = QfaeConfig.of(QfaeSettings.SCHEMA.coerce(imported.settings()));
			assertEquals(20, c.perceptualDepth(), "blocks 0-19 read by layers 11, 15, 19");
			QfaeNetworks nets = c.networks(m);
			nets.load(imported.weights(), "qfae-micro", c.allPatches());

			Tensor u8 = outputs.get("input_uint8");
			NDArray x = m.create(normalise(u8.data()), new ai.djl.ndarray.types.Shape(u8.shape()));
			QfaeTesting.assertClose(outputs.get("x"), x, 1e-6, "normalised input");

			QfaeTesting.assertClose(outputs.get("features"), nets.autoencoder.context(x), TOL, "Q-Former context");
			NDArray xHat = nets.autoencoder.reconstruct(x);
			QfaeTesting.assertClose(outputs.get("x_hat"), xHat, TOL, "x_hat");

			int[] layers = { 11, 15, 19 };
			for (int p : new int[] { 16, 32, 56 }) {
				NDList raw = PerceptualMaps.raw(nets.perceptual, x, xHat, p, layers);
				QfaeTesting.assertClose(outputs.get("maps_p" + p + "_raw"), NDArrays.stack(raw, 0), TOL, "raw maps p" + p);
				NDArray resized = PerceptualMaps.maps(nets.perceptual, x, xHat, new int[] { p }, layers);
				QfaeTesting.assertClose(outputs.get("maps_p" + p + "_resized"), resized, TOL, "resized maps p" + p);
			}
			NDArray maps = PerceptualMaps.maps(nets.perceptual, x, xHat, c.evalPatches(), c.evalLayers());
			QfaeTesting.assertClose(outputs.get("anomaly_maps"), maps, TOL, "anomaly maps");
			QfaeTesting.assertClose(outputs.get("pixel_maps"), ImageScore.pixelMaps(maps), TOL, "pixel maps");
			QfaeTesting.assertClose(outputs.get("image_scores"), c.rule().scores(maps), TOL, "image scores");
		}
	}

	/** The official code's input: /255, then (x - 0.449) / 0.226 on every channel. */
	static float[] normalise(float[] u8) {
		float[] x = new float[u8.length];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) ((u8[i] / 255.0 - 0.449) / 0.226);
		}
		return x;
	}

	@Test
	void resamplingMatchesTimm() throws Exception {
		try (NDManager m = QfaeTesting.manager()) {
			Imported imported = importMicro(m);
			QfaeConfig c = QfaeConfig.of(QfaeSettings.SCHEMA.coerce(imported.settings()));
			QfaeNetworks nets = c.networks(m);
			nets.load(imported.weights(), "qfae-micro", 16, 32, 56);
			for (int p : new int[] { 32, 56 }) {
				Map<String, Tensor> timm = Checkpoints.read(dir.resolve("frozen/mae_vit_small_patch16_224.p" + p
						+ ".img224.safetensors"));
				NDArray[] e = nets.perceptual.embeddings(p);
				QfaeTesting.assertClose(timm.get("patch_embed.proj.weight"), e[0], 1e-5, "patch kernel p" + p);
				QfaeTesting.assertClose(timm.get("pos_embed"), e[1], 1e-5, "position table p" + p);
			}
			Map<String, Tensor> nativeEncoder = Checkpoints.read(dir.resolve(
					"frozen/encoder_vit_small_patch14_reg4_dinov2.lvd142m.native.safetensors"));
			assertEquals(37 * 37, nativeEncoder.get("pos_embed").shape()[1], "native DINOv2 table at 518 px");
			List<String> steps = new ArrayList<>();
			Map<String, Tensor> adapted = VitResample.adapt(nativeEncoder, c.architecture().autoencoder().encoder(), "",
					steps);
			assertTrue(steps.get(0).contains("37x37 -> 16x16"), steps.toString());
			Tensor expected = Checkpoints.read(dir.resolve("last_ckpt.pth")).get("encoders.0.model.pos_embed");
			QfaeTesting.assertClose(expected.data(), adapted.get("pos_embed").data(), 1e-5, "encoder position table");
		}
	}

	@Test
	void settingsOfTheImportedPackageNameTheArchitecture() throws Exception {
		try (NDManager m = QfaeTesting.manager()) {
			Settings s = QfaeSettings.SCHEMA.coerce(importMicro(m).settings());
			assertEquals(QfaeTesting.micro(), QfaeConfig.of(s).architecture());
		}
	}
}

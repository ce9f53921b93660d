package org.medad.detector.qfae.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.ModelException;
import org.medad.detector.qfae.QfaeTesting;
import org.medad.detector.qfae.net.QfaeArchitecture;
import org.medad.detector.qfae.net.QfaeAutoencoder;
import org.medad.importer.WeightImporter;
import org.medad.importer.WeightImporters;
import org.medad.nn.checkpoint.Architectures;
import org.medad.nn.checkpoint.Checkpoints;
import org.medad.nn.layer.Activation;
import org.medad.nn.vit.VitConfig;
import org.medad.nn.vit.VitConfig.PosEmbed;

import ai.djl.ndarray.NDManager;

/** QFAE's own checkpoints come in through the importer service this bundle registers, checked key by key. */
class QfaeCheckpointImporterTest {
	@TempDir
	Path tmp;

	/** The layout of {@code fixtures/import_qfae_tiny.pth} (tools/fixtures/nn_fixtures.py). */
	static QfaeArchitecture tiny(int depth, int qformerMlp) {
		VitConfig encoder = new VitConfig("tiny-dinov2", 28, 7, 3, 32, depth, 4, 64, true, true, true, true, 4,
				PosEmbed.LEARNED, false, false, 1e-6, Activation.GELU);
		VitConfig mae = new VitConfig("tiny-mae", 28, 14, 3, 32, 2, 4, 64, true, true, false, true, 0, PosEmbed.LEARNED,
				true, false, 1e-6, Activation.GELU);
		return new QfaeArchitecture(new QfaeAutoencoder.Sizes(encoder, 24, 2, 4, 8, qformerMlp, 1, 4, 48, 14, 3), mae);
	}

	private ModelException refused(QfaeArchitecture arch) throws Exception {
		Path json = tmp.resolve("arch.json");
		Files.writeString(json, Architectures.toJson(arch));
		var sd = Checkpoints.unwrap(Checkpoints.read(QfaeTesting.fixture("import_qfae_tiny.pth", tmp)));
		List<String> log = new ArrayList<>();
		try (NDManager m = QfaeTesting.manager()) {
			return assertThrows(ModelException.class, () -> new QfaeCheckpointImporter().convert(m, sd, json.toString(),
					log::add));
		}
	}

	@Test
	void isTheServiceForQfaePth() throws Exception {
		WeightImporter i = QfaeTesting.service(WeightImporters.class).require("qfae-pth");
		assertEquals(QfaeCheckpointImporter.class, i.getClass());
	}

	@Test
	void aCheckpointOfOtherSizesListsTheKeys() throws Exception {
		ModelException e = refused(tiny(4, 64));
		assertEquals(4, e.exitCode());
		String msg = e.getMessage();
		assertTrue(msg.contains("missing key") && msg.contains("encoders.0.model.blocks.3.norm1.weight"), msg);
		assertTrue(msg.contains("mis-shaped key")
				&& msg.contains("junction.blocks.0.projection.1.weight: checkpoint (48, 24), model (64, 24)"), msg);
	}

	@Test
	void theCheckpointAloneNamesTheMissingPerceptualWeights() throws Exception {
		ModelException e = refused(tiny(3, 48));
		assertTrue(e.getMessage().contains("only the QFAE checkpoint was given") && e.getMessage().contains("MAE"),
				e.getMessage());
	}
}

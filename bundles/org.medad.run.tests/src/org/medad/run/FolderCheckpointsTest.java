package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.detect.TrainingCheckpoints.Checkpoint;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Tensor;

/** Checkpoint folders: written whole, read back exactly, refused for another run or when damaged. */
class FolderCheckpointsTest {
	@TempDir
	Path tmp;

	private static Map<String, Object> run(long seed) {
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("detector", "liverfreq");
		run.put("settings", Map.of("epochs", 30));
		run.put("seed", seed);
		return run;
	}

	private static ModelManifest template() {
		return new ModelManifest(ModelManifest.FORMAT_VERSION, new ModelManifest.DetectorRef("liverfreq", "0.1.0"),
				Map.of("epochs", 30), Map.of(), new ModelManifest.Thresholds(null, null, "none: checkpoint"),
				new ModelManifest.Training(3, "abc", 7, 0, "test", "cpu", 0, null), List.of(), List.of());
	}

	private static Checkpoint checkpoint(float value, int epochs) {
		return new Checkpoint(Map.of("w", Tensor.of(new float[] { value, 2 }, 2)), Map.of("resize", "none"),
				Map.of("mean.w", Tensor.of(new float[] { 0.5f, -0.5f }, 2)), Map.of("epochs", epochs, "steps", 10 * epochs));
	}

	@Test
	void savedCheckpointIsAPackageAndResumesExactly() throws Exception {
		Path folder = FolderCheckpoints.beside(tmp.resolve("model.zip"));
		assertEquals(tmp.resolve("model.checkpoint").toAbsolutePath(), folder);
		new FolderCheckpoints(folder, run(7), template(), false).save(checkpoint(1f, 1));
		new FolderCheckpoints(folder, run(7), template(), false).save(checkpoint(3f, 2)); // replaces the first

		ModelPackage pkg = ModelPackage.read(folder);
		assertEquals(2, pkg.manifest().training().epochs(), "the package records the epochs done");
		assertEquals("none", pkg.manifest().preprocessing().get("resize"));

		Checkpoint back = new FolderCheckpoints(folder, run(7), template(), true).resume().orElseThrow();
		assertArrayEquals(new float[] { 3, 2 }, back.weights().get("w").data(), 0f);
		assertArrayEquals(new float[] { 0.5f, -0.5f }, back.optimizer().get("mean.w").data(), 0f);
		assertEquals(2, ((Number) back.progress().get("epochs")).intValue());
		assertEquals(20, ((Number) back.progress().get("steps")).intValue());
		assertFalse(new FolderCheckpoints(folder, run(7), template(), false).resume().isPresent(),
				"without --resume a run starts fresh");
		try (var files = Files.list(tmp)) {
			assertEquals(List.of("model.checkpoint"), files.map(p -> p.getFileName().toString()).toList(),
					"no temporary folders left behind");
		}
	}

	@Test
	void checkpointCaughtInItsReplacementIsRecovered() throws Exception {
		Path folder = tmp.resolve("m.checkpoint");
		new FolderCheckpoints(folder, run(7), template(), false).save(checkpoint(1f, 1));
		// what a crash between AtomicFiles' two moves leaves: only the old folder, moved aside
		Files.move(folder, tmp.resolve(".m.checkpoint.old-123"));
		assertFalse(FolderCheckpoints.recover(tmp.resolve("other.checkpoint")));
		assertTrue(FolderCheckpoints.recover(folder));
		Checkpoint back = new FolderCheckpoints(folder, run(7), template(), true).resume().orElseThrow();
		assertEquals(1, ((Number) back.progress().get("epochs")).intValue());
		assertFalse(FolderCheckpoints.recover(folder), "nothing to do once it is in place");
	}

	@Test
	void checkpointOfAnotherRunIsRefusedNamingTheDifference() throws Exception {
		Path folder = tmp.resolve("m.checkpoint");
		new FolderCheckpoints(folder, run(7), template(), false).save(checkpoint(1f, 1));
		UsageException e = assertThrows(UsageException.class,
				() -> new FolderCheckpoints(folder, run(8), template(), true).resume());
		assertTrue(e.getMessage().contains("different seed") && e.getMessage().contains("checkpoint 7.0, now 8.0"),
				e.getMessage());
	}

	@Test
	void damagedOrMissingCheckpointIsNamed() throws Exception {
		Path folder = tmp.resolve("m.checkpoint");
		UsageException none = assertThrows(UsageException.class,
				() -> new FolderCheckpoints(folder, run(7), template(), true).resume());
		assertTrue(none.getMessage().contains("no checkpoint to resume from at " + folder), none.getMessage());

		new FolderCheckpoints(folder, run(7), template(), false).save(checkpoint(1f, 1));
		Path optimizer = folder.resolve(FolderCheckpoints.OPTIMIZER);
		byte[] bytes = Files.readAllBytes(optimizer);
		bytes[bytes.length - 1] ^= 0x55;
		Files.write(optimizer, bytes);
		ModelException damaged = assertThrows(ModelException.class,
				() -> new FolderCheckpoints(folder, run(7), template(), true).resume());
		assertTrue(damaged.getMessage().contains(optimizer.toString()) && damaged.getMessage().contains("sha256"),
				damaged.getMessage());
	}
}

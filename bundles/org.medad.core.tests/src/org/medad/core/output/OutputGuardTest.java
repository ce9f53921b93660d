package org.medad.core.output;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.core.model.AtomicFiles;

/** Outputs never replace what is not this program's own output of the same kind, nor sit in or around an input. */
class OutputGuardTest {
	@TempDir
	Path tmp;

	private static boolean ours(Path p) {
		return Files.isRegularFile(p.resolve("ours.json"));
	}

	@Test
	void freshEmptyOrOwnOutputsAreAcceptedAnythingElseRefusedNamingIt() throws Exception {
		assertDoesNotThrow(() -> OutputGuard.freshOrOwn(tmp.resolve("new"), "--out", "result", OutputGuardTest::ours));
		Files.createDirectories(tmp.resolve("empty"));
		assertDoesNotThrow(() -> OutputGuard.freshOrOwn(tmp.resolve("empty"), "--out", "result", OutputGuardTest::ours));
		Path own = Files.createDirectories(tmp.resolve("own"));
		Files.writeString(own.resolve("ours.json"), "{}");
		assertDoesNotThrow(() -> OutputGuard.freshOrOwn(own, "--out", "result", OutputGuardTest::ours));

		Path image = Files.writeString(tmp.resolve("scan.png"), "not ours");
		BadInputException e = assertThrows(BadInputException.class,
				() -> OutputGuard.freshOrOwn(image, "--out", "result", OutputGuardTest::ours));
		assertEquals(3, e.exitCode());
		assertTrue(e.getMessage().startsWith(image.toString()) && e.getMessage().contains("a file of 8 bytes")
				&& e.getMessage().contains("refusing to replace"), e.getMessage());
		Path folder = Files.createDirectories(tmp.resolve("user"));
		Files.writeString(folder.resolve("notes.txt"), "x");
		assertTrue(assertThrows(BadInputException.class, () -> OutputGuard.freshOrOwn(folder, "--out", "result",
				OutputGuardTest::ours)).getMessage().contains("a folder holding 1 entries"));
		assertEquals("not ours", Files.readString(image));
		assertTrue(Files.exists(folder.resolve("notes.txt")));
	}

	@Test
	void anOutputIsNeverTheInputInsideItOrAroundIt() throws Exception {
		Path data = Files.createDirectories(tmp.resolve("data/train/good"));
		Path root = tmp.resolve("data");
		assertTrue(assertThrows(BadInputException.class, () -> OutputGuard.apartFrom(root, "--out", List.of(root)))
				.getMessage().contains("is the input itself"));
		assertTrue(assertThrows(BadInputException.class, () -> OutputGuard.apartFrom(root.resolve("model"), "--out",
				List.of(root))).getMessage().contains("lies inside the input"));
		assertTrue(assertThrows(BadInputException.class, () -> OutputGuard.apartFrom(tmp, "--out", List.of(data)))
				.getMessage().contains("holds the input"));
		// another spelling of the same folder is the same folder
		assertThrows(BadInputException.class, () -> OutputGuard.apartFrom(root.resolve("train/../."), "--out",
				List.of(root)));
		Path link = Files.createSymbolicLink(tmp.resolve("link"), root);
		assertThrows(BadInputException.class, () -> OutputGuard.apartFrom(link, "--out", List.of(root)));
		assertDoesNotThrow(() -> OutputGuard.apartFrom(tmp.resolve("model"), "--out", List.of(root)));
	}

	@Test
	void anOwnOutputIsReplacedOnlyWithOverwrite() throws Exception {
		Path own = Files.createDirectories(tmp.resolve("m"));
		Files.writeString(own.resolve("ours.json"), "{}");
		BadInputException e = assertThrows(BadInputException.class,
				() -> OutputGuard.replaceable(own, "--out", "model package", OutputGuardTest::ours, false));
		assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
		assertDoesNotThrow(() -> OutputGuard.replaceable(own, "--out", "model package", OutputGuardTest::ours, true));
		Path other = Files.writeString(tmp.resolve("x.zip"), "zip of someone else");
		assertThrows(BadInputException.class,
				() -> OutputGuard.replaceable(other, "--out", "model package", OutputGuardTest::ours, true));
	}

	@Test
	void leftoversOfKilledWritersAreCleanedAndAHalfSwappedFolderPutBack() throws Exception {
		// killed between the two renames of a folder replacement: only the set-aside old copy is left
		Path old = Files.createDirectories(tmp.resolve(".model.old-999999999-5"));
		Files.writeString(old.resolve("model.json"), "{\"v\": 1}");
		Path partial = Files.createDirectories(tmp.resolve(".model.tmp-999999999-7"));
		Files.writeString(partial.resolve("weights"), "half");
		Path partialFile = Files.writeString(tmp.resolve(".scores.csv.tmp-999999999-8"), "torn");
		assertTrue(AtomicFiles.recover(tmp.resolve("model")));
		assertEquals("{\"v\": 1}", Files.readString(tmp.resolve("model/model.json")));
		assertFalse(Files.exists(partial), "a dead writer's temporary folder is removed");
		AtomicFiles.recoverTree(tmp);
		assertFalse(Files.exists(partialFile), "and its temporary file");
		// a live writer's temporaries (this process) are left alone
		Path live = Files.writeString(tmp.resolve(".x.tmp-" + ProcessHandle.current().pid() + "-1"), "busy");
		AtomicFiles.recoverTree(tmp);
		assertTrue(Files.exists(live));
	}
}

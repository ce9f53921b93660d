package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;

class ScoringRunTest {
	@TempDir
	Path tmp;

	@Test
	void caseIdsAreRelativeToTheCommonFolderAndUnique() throws Exception {
		for (String f : List.of("t/good/img/1.png", "t/Ungood/img/1.png", "t/good/img/2.png")) {
			Files.createDirectories(tmp.resolve(f).getParent());
			Files.writeString(tmp.resolve(f), "x");
		}
		assertEquals(List.of("1.png", "2.png"), List.copyOf(ScoringRun.collect(List.of(tmp.resolve("t/good/img"))).keySet()));
		assertEquals(List.of("good/img/1.png", "good/img/2.png", "Ungood/img/1.png"), List.copyOf(
				ScoringRun.collect(List.of(tmp.resolve("t/good/img"), tmp.resolve("t/Ungood/img"))).keySet()));
		assertEquals(List.of("1.png"), List.copyOf(ScoringRun.collect(List.of(tmp.resolve("t/good/img/1.png"))).keySet()));
		assertThrows(BadInputException.class, () -> ScoringRun.collect(List.of(tmp.resolve("missing"))));
	}
}

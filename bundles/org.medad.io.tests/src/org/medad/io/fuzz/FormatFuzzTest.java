package org.medad.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.io.FormatServices;
import org.medad.io.TestData;

/**
 * Seeded mutations of every file of ../shared/testdata (and of generated TIFF, BMP and JPEG pictures) through the
 * installed format services: each case reads or is refused cleanly, none throws anything else, hangs or allocates
 * without bound ({@link FormatFuzzer}). {@code -Dmedad.fuzz.cases=N} runs more; {@code bench/fuzz/run.sh} runs long.
 */
class FormatFuzzTest {
	static final int CASES = Integer.getInteger("medad.fuzz.cases", 2500);

	@TempDir
	Path tmp;

	@Test
	void everyMutatedFileReadsOrIsRefusedCleanly() throws Exception {
		var seeds = FormatFuzzer.seeds(TestData.dir(), tmp.resolve("generated"));
		var summary = new FormatFuzzer(FormatServices.get(), seeds, tmp.resolve("cases"), 20261201, 10_000).run(CASES);
		System.out.println("format fuzz: " + summary.describe());
		assertEquals("", summary.failures().stream().map(Object::toString).collect(Collectors.joining("\n")),
				summary.failures().size() + " of " + CASES + " cases failed");
		assertTrue(summary.outcomes().getOrDefault(FormatFuzzer.Outcome.READ, 0) > CASES / 10, "many mutations still read");
		assertTrue(summary.outcomes().getOrDefault(FormatFuzzer.Outcome.REFUSED, 0) > CASES / 10, "many are refused");
		for (String kind : List.of("field", "text", "truncate", "bitflip", "random", "gz/field")) {
			assertTrue(summary.mutationKinds().getOrDefault(kind, 0) >= 10, "mutation class " + kind + " exercised: "
					+ summary.mutationKinds());
		}
		assertTrue(seeds.stream().anyMatch(s -> s.target().toString().endsWith(".tif")), "TIFF seeds generated");
	}
}

package org.medad.io.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;

import org.medad.core.model.AtomicFiles;
import org.medad.io.format.StandardFormats;

/**
 * The long fuzz run of the readers on a plain class path ({@code bench/fuzz/run.sh}):
 * {@code FuzzMain TESTDATA CASES [SEED]}. Prints the counts and every failing case; exit 1 when any failed.
 */
public final class FuzzMain {
	private FuzzMain() {
	}

	public static void main(String[] args) throws Exception {
		Path testdata = Path.of(args[0]);
		int cases = Integer.parseInt(args[1]);
		long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
		Path work = Files.createTempDirectory("medad-fuzz");
		try {
			var seeds = FormatFuzzer.seeds(testdata, work.resolve("generated"));
			long t0 = System.nanoTime();
			var summary = new FormatFuzzer(StandardFormats.create(), seeds, work.resolve("cases"), seed, 10_000).run(cases);
			summary.failures().forEach(System.out::println);
			System.out.printf("%s; %d seeds; %.1f s%n", summary.describe(), seeds.size(), (System.nanoTime() - t0) / 1e9);
			System.exit(summary.failures().isEmpty() ? 0 : 1);
		} finally {
			AtomicFiles.deleteTree(work);
		}
	}
}

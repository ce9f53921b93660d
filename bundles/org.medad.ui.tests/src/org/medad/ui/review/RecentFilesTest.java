package org.medad.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.ui.review.RecentFiles.Entry;
import org.medad.ui.review.RecentFiles.Kind;

class RecentFilesTest {
	@TempDir
	Path tmp;

	@Test
	void mostRecentFirstOnceEachAtMostMax() throws Exception {
		Path a = Files.writeString(tmp.resolve("a.nii.gz"), "");
		Path b = Files.writeString(tmp.resolve("b.nii.gz"), "");
		Path c = Files.createDirectories(tmp.resolve("run"));
		Path d = Files.writeString(tmp.resolve("d.nii.gz"), "");
		RecentFiles recent = new RecentFiles(tmp.resolve("ws/recent-files.txt"), 3);
		recent.add(Kind.SCAN, a);
		recent.add(Kind.SCAN, b);
		recent.add(Kind.RESULTS, c);
		assertEquals(List.of(new Entry(Kind.SCAN, a), new Entry(Kind.RESULTS, c), new Entry(Kind.SCAN, b)), recent.add(
				Kind.SCAN, a));
		recent.add(Kind.SCAN, d);
		List<Entry> kept = new RecentFiles(tmp.resolve("ws/recent-files.txt"), 3).entries();
		assertEquals(List.of(new Entry(Kind.SCAN, d), new Entry(Kind.SCAN, a), new Entry(Kind.RESULTS, c)), kept,
				"read back from the file, b pushed out");
		assertEquals("Results: " + c, kept.get(2).label());
		try (var files = Files.list(tmp.resolve("ws"))) {
			assertEquals(List.of("recent-files.txt"), files.map(p -> p.getFileName().toString()).toList(),
					"no temporary file left behind");
		}
	}

	@Test
	void goneFilesAndForeignLinesAreSkipped() throws Exception {
		Path a = Files.writeString(tmp.resolve("a.nii.gz"), "");
		Path store = Files.writeString(tmp.resolve("recent-files.txt"), "SCAN\t" + tmp.resolve("gone.nii.gz") + "\n"
				+ "garbage line\nVIDEO\t" + a + "\nSCAN\t" + a + "\n");
		assertEquals(List.of(new Entry(Kind.SCAN, a)), new RecentFiles(store, 5).entries());
		assertEquals(List.of(), new RecentFiles(tmp.resolve("none.txt"), 5).entries());
	}
}

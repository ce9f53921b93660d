package org.medad.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateSitesTest {
	@TempDir
	Path tmp;

	@Test
	void urlsPassThrough() {
		assertEquals(URI.create("https://example.org/medad/site/"), UpdateSites.parse(" https://example.org/medad/site/ "));
		assertEquals(URI.create("http://lab.local:8080/p2"), UpdateSites.parse("http://lab.local:8080/p2"));
	}

	@Test
	void aFolderWithARepositoryBecomesItsFileUri() throws Exception {
		Path site = Files.createDirectories(tmp.resolve("site"));
		Files.writeString(site.resolve("content.jar"), "x");
		URI expected = site.toUri();
		assertEquals(expected, UpdateSites.parse(site.toString()));
		assertEquals(expected, UpdateSites.parse(site.toUri().toString()));
		assertEquals(expected, UpdateSites.parse(site + "/../site"));
	}

	@Test
	void aZippedSiteIsReadInsideTheArchive() throws Exception {
		Path zip = Files.writeString(tmp.resolve("detectors.zip"), "PK");
		URI uri = UpdateSites.parse(zip.toString());
		assertEquals("jar:" + zip.toUri() + "!/", uri.toString());
	}

	@Test
	void badSitesAreNamedWithTheReason() throws Exception {
		Path empty = Files.createDirectories(tmp.resolve("empty"));
		assertMessage("holds no p2 repository", empty.toString(), empty.toString());
		assertMessage("does not exist", tmp.resolve("missing").toString(), tmp.resolve("missing").toString());
		Path text = Files.writeString(tmp.resolve("notes.txt"), "x");
		assertMessage("not a zip archive", text.toString(), text.toString());
		assertMessage("absolute folder", "site/repository", "site/repository");
		assertMessage("only http:, https: and file:", "ftp://host/site", "ftp://host/site");
		assertMessage("names no host", "http:///site", "http:///site");
		assertMessage("no update site given", "  ", "URL");
	}

	private static void assertMessage(String reason, String text, String named) {
		String m = assertThrows(IllegalArgumentException.class, () -> UpdateSites.parse(text)).getMessage();
		assertTrue(m.contains(reason) && m.contains(named), m);
	}
}

package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

/** p2 installs the example detector feature from the built update site into a copy of the headless product. */
class UpdateSiteInstallTest {
	static final Path REPOSITORY = Path.of(System.getProperty("medad.repository",
			"../org.medad.updatesite/target/repository"));
	static final String FEATURE = "org.medad.detector.pixelmedian.feature";

	@TempDir
	Path tmp;

	@Test
	void exampleDetectorIsListedOnlyOnceInstalled() throws Exception {
		assertTrue(Files.isRegularFile(REPOSITORY.resolve("content.jar")), "no update site at " + REPOSITORY);
		Path home = Product.copy(Product.HEADLESS, tmp.resolve("medad"));
		assertEquals(List.of("liverfreq", "mvfa", "pixelstats", "qfae"), ids(home));

		Product.Result install = Product.medad(home, "install", REPOSITORY.toUri().toString(), FEATURE);
		assertEquals(0, install.exitCode(), install.toString());
		assertEquals(List.of("liverfreq", "mvfa", "pixelmedian", "pixelstats", "qfae"), ids(home));

		// the installed detector works end to end
		Path data = tmp.resolve("data");
		assertEquals(0, Product.medad(home, "phantom", "--out", data.toString(), "--size", "48", "--train", "12",
				"--valid", "3", "--test", "3").exitCode());
		Product.Result train = Product.medad(home, "train", "--detector", "pixelmedian", "--data", data.toString(),
				"--out", tmp.resolve("model").toString());
		assertEquals(0, train.exitCode(), train.toString());

		Product.Result uninstall = Product.medad(home, "uninstall", FEATURE);
		assertEquals(0, uninstall.exitCode(), uninstall.toString());
		assertEquals(List.of("liverfreq", "mvfa", "pixelstats", "qfae"), ids(home));
	}

	private static List<String> ids(Path home) throws Exception {
		Product.Result r = Product.run(List.of(home.resolve("bin/medad").toString(), "detectors", "--json"), Map.of(), 120);
		assertEquals(0, r.exitCode(), r.toString());
		List<String> ids = new ArrayList<>();
		JsonParser.parseString(r.out()).getAsJsonArray().forEach(e -> ids.add(e.getAsJsonObject().get("id").getAsString()));
		return ids;
	}
}

package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Help > Install Detectors in a real window under Xvfb, on a copy of the workbench product: the dialog loads the
 * built update site, lists its Detectors category, installs the example detector feature through p2 and restarts
 * the workbench (the launcher relaunches on exit code 23); the new detector is then in the Detectors view and in
 * Train's list; the same dialog uninstalls it, and after the second restart it is gone.
 */
class WorkbenchInstallTest {
	static final Path SHOTS = Path.of("target/ui-install").toAbsolutePath();
	static final String FEATURE = UpdateSiteInstallTest.FEATURE;

	@TempDir
	Path tmp;

	@Test
	void installDialogInstallsListsAfterRestartAndUninstalls() throws Exception {
		assertTrue(Files.isRegularFile(UpdateSiteInstallTest.REPOSITORY.resolve("content.jar")), "no update site at "
				+ UpdateSiteInstallTest.REPOSITORY);
		Files.createDirectories(SHOTS);
		try (var old = Files.list(SHOTS)) {
			for (Path p : old.filter(Files::isRegularFile).toList()) {
				Files.delete(p);
			}
		}
		Path home = Product.copy(Product.WORKBENCH, tmp.resolve("medad-workbench"));
		String site = UpdateSiteInstallTest.REPOSITORY.toAbsolutePath().normalize().toString();
		JsonObject report;
		try (XServer x = XServer.start("WorkbenchInstallTest")) {
			Product.Result r = Product.run(List.of(home.resolve("bin/medad-workbench").toString()), Map.of("DISPLAY",
					x.display, "MEDAD_JAVA_OPTS", "-Dmedad.ui.selftest=" + SHOTS + " -Dmedad.ui.selftest.install.site="
							+ site + " -Dmedad.ui.selftest.install.feature=" + FEATURE, "MEDAD_WORKSPACE", tmp.resolve(
									"ws").toString()), 420);
			Path json = SHOTS.resolve("selftest.json");
			assertTrue(Files.isRegularFile(json), "the workbench wrote no self-test report: " + r);
			report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
			assertFalse(report.has("error"), report + "\n" + r);
			assertEquals(0, r.exitCode(), r.toString());
			assertEquals(2, r.err().split("medad-workbench: restarting", -1).length - 1, "two restarts: " + r.err());
		}
		JsonObject install = report.getAsJsonObject("install");
		JsonObject installed = report.getAsJsonObject("installed");
		JsonObject uninstalled = report.getAsJsonObject("uninstalled");
		Set<String> pids = new HashSet<>();
		for (JsonObject launch : List.of(install, installed, uninstalled)) {
			pids.add(launch.get("pid").getAsString());
		}
		assertEquals(3, pids.size(), "three launches of the workbench: " + report);

		// launch 1: the dialog lists the site's Detectors category with names, versions and what is installed
		assertFalse(ids(install, "catalog").contains("pixelmedian"), install.toString());
		JsonObject row = row(install.getAsJsonArray("rows"), FEATURE);
		assertEquals("MedAD Detector: per-pixel median and MAD (example)", row.get("name").getAsString());
		assertTrue(row.get("version").getAsString().startsWith("0.1.0"), row.toString());
		assertEquals("Not installed", row.get("status").getAsString());
		assertEquals("Installed", row(install.getAsJsonArray("rows"), "org.medad.detector.pixelstats.feature").get(
				"status").getAsString(), "the shipped detectors show as installed");
		assertTrue(install.get("description").getAsString().contains("median"), install.toString());
		assertTrue(install.get("installEnabled").getAsBoolean() && !install.get("uninstallEnabled").getAsBoolean()
				&& !install.get("restartEnabledBefore").getAsBoolean(), install.toString());
		assertEquals("Installed", row(install.getAsJsonArray("rowsAfter"), FEATURE).get("status").getAsString());
		assertTrue(install.get("status").getAsString().contains("Restart"), install.toString());
		WorkbenchScreenshotTest.assertLooksRendered(SHOTS.resolve("install-dialog.png"));

		// launch 2: the new detector's DS service is live, in the Detectors view and in Train's list
		assertTrue(ids(installed, "catalog").contains("pixelmedian"), installed.toString());
		assertTrue(ids(installed, "detectorsTable").contains("pixelmedian"), installed.toString());
		assertTrue(ids(installed, "trainChoices").contains("pixelmedian"), installed.toString());
		assertTrue(ids(installed, "knownSites").stream().anyMatch(s -> s.contains("org.medad.updatesite")),
				"the site is remembered: " + installed);
		assertEquals("Installed", row(installed.getAsJsonArray("rows"), FEATURE).get("status").getAsString());
		assertTrue(installed.get("uninstallEnabled").getAsBoolean() && !installed.get("installEnabled").getAsBoolean(),
				installed.toString());
		assertEquals("Not installed", row(installed.getAsJsonArray("rowsAfter"), FEATURE).get("status").getAsString());
		WorkbenchScreenshotTest.assertLooksRendered(SHOTS.resolve("installed-train.png"));

		// launch 3: gone again, the shipped detectors untouched
		assertFalse(ids(uninstalled, "catalog").contains("pixelmedian"), uninstalled.toString());
		assertFalse(ids(uninstalled, "trainChoices").contains("pixelmedian"), uninstalled.toString());
		assertEquals(ids(install, "catalog"), ids(uninstalled, "catalog"));
	}

	private static List<String> ids(JsonObject o, String key) {
		assertTrue(o.has(key), key + " missing from " + o);
		return o.getAsJsonArray(key).asList().stream().map(JsonElement::getAsString).toList();
	}

	private static JsonObject row(JsonArray rows, String id) {
		for (JsonElement e : rows) {
			if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
				return e.getAsJsonObject();
			}
		}
		throw new AssertionError(id + " not in " + rows);
	}
}

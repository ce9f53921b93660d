package org.medad.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.SettingsSchema;

class SettingsPresetsTest {
	private static final SettingsSchema SCHEMA = SettingsSchema.of(SettingSpec.integer("epochs", 300, 1, 10000,
			"passes"), SettingSpec.choice("preset", "paper", List.of("paper", "cpu"), "model sizes"));

	@TempDir
	Path tmp;

	@Test
	void aPresetHoldsTheOverridesAndAppliesFromTheDefaults() throws Exception {
		SettingsPresets presets = new SettingsPresets(tmp);
		SettingsDraft draft = new SettingsDraft(SCHEMA);
		draft.set("epochs", "8");
		presets.save("qfae", "brain 8", draft.overrides());
		draft.set("preset", "cpu");
		presets.save("qfae", "cpu smoke", draft.overrides());
		assertEquals(List.of("brain 8", "cpu smoke"), presets.names("qfae"));
		assertEquals(List.of(), presets.names("mvfa"), "per detector");
		assertEquals(Map.of("epochs", "8"), presets.read("qfae", "brain 8"));
		draft.restoreDefaults();
		draft.apply(presets.read("qfae", "cpu smoke"));
		assertEquals("8", draft.text("epochs"));
		assertEquals("cpu", draft.text("preset"));
		try (var files = Files.list(tmp.resolve("qfae"))) {
			assertEquals(2, files.count(), "no temporary files left");
		}
	}

	@Test
	void badNamesAndBrokenFilesAreRefusedByName() throws Exception {
		SettingsPresets presets = new SettingsPresets(tmp);
		assertNull(SettingsPresets.problem("brain MRI_v2.1"));
		assertTrue(SettingsPresets.problem("../evil").contains("letters"));
		assertTrue(SettingsPresets.problem(".hidden").contains("letters"));
		assertTrue(SettingsPresets.problem(" ").contains("name"));
		assertThrows(BadInputException.class, () -> presets.save("qfae", "a/b", Map.of()));
		Files.createDirectories(tmp.resolve("qfae"));
		Files.writeString(tmp.resolve("qfae/broken.json"), "[1, 2");
		String m = assertThrows(BadInputException.class, () -> presets.read("qfae", "broken")).getMessage();
		assertTrue(m.contains("broken.json") && m.contains("not a settings preset"), m);
	}
}

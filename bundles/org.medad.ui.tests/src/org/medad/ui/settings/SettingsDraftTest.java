package org.medad.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.medad.core.error.UsageException;
import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.SettingsSchema;

/** The form's values are checked as the command line checks --set, and only changes reach the run. */
class SettingsDraftTest {
	private static final SettingsSchema SCHEMA = SettingsSchema.of(SettingSpec.integer("epochs", 300, 1, 10000,
			"passes over the training images"), SettingSpec.real("lr", 1e-4, 1e-7, 1, "peak learning rate"), SettingSpec
					.bool("augment", true, "flips and rotations"), SettingSpec.choice("preset", "paper", List.of(
							"paper", "cpu"), "model sizes"), SettingSpec.interval("window", -1024, 3071, "CT window"));

	@Test
	void defaultsShowAsTheyWouldBeTypedAndHandNoOverrides() throws Exception {
		SettingsDraft d = new SettingsDraft(SCHEMA);
		assertEquals("300", d.text("epochs"));
		assertEquals("0.0001", d.text("lr"), "no exponent where plain digits are short");
		assertEquals("true", d.text("augment"));
		assertEquals("paper", d.text("preset"));
		assertTrue(d.valid());
		assertEquals(Map.of(), d.overrides(), "defaults are not passed as settings");
	}

	@Test
	void invalidValuesAreMarkedWithTheCommandLinesReason() throws Exception {
		SettingsDraft d = new SettingsDraft(SCHEMA);
		d.set("epochs", "0");
		d.set("lr", "fast");
		d.set("window", "250,-200");
		assertFalse(d.valid());
		assertEquals(List.of("epochs", "lr", "window"), List.copyOf(d.problems().keySet()));
		assertTrue(d.problem("epochs").orElseThrow().contains("outside [1, 10000]"), d.problems().toString());
		assertTrue(d.problem("lr").orElseThrow().contains("is not a number"), d.problems().toString());
		assertThrows(UsageException.class, d::overrides, "an invalid form never starts a run");
		d.set("epochs", " 2 ");
		d.set("lr", "1e-3");
		d.set("window", "-200,250");
		assertTrue(d.valid(), d.problems().toString());
		assertEquals(Map.of("epochs", "2", "lr", "1e-3", "window", "-200,250"), d.overrides());
		d.set("lr", "0.0001"); // the default again, typed differently
		assertFalse(d.overrides().containsKey("lr"));
		assertThrows(IllegalArgumentException.class, () -> d.set("no-such", "1"));
	}

	@Test
	void aModelsSettingsFillTheFormAndDefaultsComeBack() throws Exception {
		SettingsDraft d = new SettingsDraft(SCHEMA);
		d.apply(Map.of("epochs", 20, "preset", "cpu", "augment", false, "lr", 3.0e-4, "unknown", 5));
		assertEquals("20", d.text("epochs"));
		assertEquals("0.0003", d.text("lr"));
		assertEquals(Map.of("epochs", "20", "lr", "0.0003", "augment", "false", "preset", "cpu"), d.overrides());
		d.restoreDefaults();
		assertEquals(Map.of(), d.overrides());
		assertEquals("1E-12", SettingsDraft.asText(1e-12), "a long plain form keeps its exponent");
	}
}

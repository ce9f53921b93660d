package org.medad.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.medad.core.error.UsageException;

class SettingsSchemaTest {

	private final SettingsSchema schema = SettingsSchema.of(
			SettingSpec.integer("size", 128, 16, 1024, "side"),
			SettingSpec.real("eps", 1e-3, 0, 1, "floor"),
			SettingSpec.bool("smooth", true, "smooth the map"),
			SettingSpec.choice("mode", "mean", List.of("mean", "median"), "statistic"));

	@Test
	void defaultsHoldEveryKeyInOrder() {
		Settings s = schema.defaults();
		assertEquals(List.of("size", "eps", "smooth", "mode"), List.copyOf(s.values().keySet()));
		assertEquals(128, s.getInt("size"));
	}

	@Test
	void overridesAreParsedAndTyped() throws UsageException {
		Settings s = schema.parse(Map.of("size", "64", "eps", "0.5", "smooth", "off", "mode", "median"));
		assertEquals(64, s.getInt("size"));
		assertEquals(0.5, s.getDouble("eps"));
		assertEquals(false, s.getBoolean("smooth"));
		assertEquals("median", s.getString("mode"));
	}

	@Test
	void outOfRangeNamesTheSettingAndRange() {
		UsageException e = assertThrows(UsageException.class, () -> schema.parse(Map.of("size", "8")));
		assertTrue(e.getMessage().contains("'size'") && e.getMessage().contains("[16, 1024]"), e.getMessage());
		assertEquals(2, e.exitCode());
	}

	@Test
	void unknownKeyAndBadValuesAreUsageErrors() {
		assertThrows(UsageException.class, () -> schema.parse(Map.of("nope", "1")));
		assertThrows(UsageException.class, () -> schema.parse(Map.of("size", "abc")));
		assertThrows(UsageException.class, () -> schema.parse(Map.of("mode", "max")));
		assertThrows(UsageException.class, () -> schema.parse(Map.of("smooth", "maybe")));
	}

	@Test
	void savedJsonNumbersAreCoercedBack() throws UsageException {
		Settings s = schema.coerce(Map.of("size", 96.0, "eps", 0.25));
		assertEquals(96, s.getInt("size"));
		assertThrows(UsageException.class, () -> schema.coerce(Map.of("size", 96.5)));
	}

	@Test
	void pathsMustExistWhenGivenButNotWhenReadBackFromAPackage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
			throws Exception {
		SettingsSchema paths = SettingsSchema.of(SettingSpec.path("source", "folder", "anomaly sources"),
				SettingSpec.path("list", "file", "a list"));
		java.nio.file.Files.writeString(tmp.resolve("l.txt"), "x");
		Settings ok = paths.parse(Map.of("source", tmp.toString(), "list", tmp.resolve("l.txt").toString()));
		assertEquals(tmp.toString(), ok.getString("source"));
		assertEquals("", paths.defaults().getString("source"), "empty = none");
		UsageException missing = assertThrows(UsageException.class,
				() -> paths.parse(Map.of("source", tmp.resolve("nope").toString())));
		assertTrue(missing.getMessage().contains("'source'") && missing.getMessage().contains("not an existing folder"),
				missing.getMessage());
		UsageException kind = assertThrows(UsageException.class, () -> paths.parse(Map.of("list", tmp.toString())));
		assertTrue(kind.getMessage().contains("not an existing file"), kind.getMessage());
		// a package trained elsewhere keeps its path as a record, without requiring it here
		assertEquals("/elsewhere/sources", paths.coerce(Map.of("source", "/elsewhere/sources")).getString("source"));
	}

	@Test
	void intervalsAreOrderedPairsWithinTheRange() throws Exception {
		SettingsSchema w = SettingsSchema.of(SettingSpec.interval("window", -2000, 5000, "CT window in HU"));
		assertEquals("-200,250", w.parse(Map.of("window", " -200 , 250 ")).getString("window"));
		assertEquals("", w.defaults().getString("window"));
		for (String bad : List.of("250,-200", "-3000,0", "1,2,3", "a,b", "5")) {
			UsageException e = assertThrows(UsageException.class, () -> w.parse(Map.of("window", bad)), bad);
			assertTrue(e.getMessage().contains("'window'"), e.getMessage());
		}
		assertEquals("-200,250", w.coerce(Map.of("window", "-200,250")).getString("window"));
	}
}

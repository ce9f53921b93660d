package org.medad.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.medad.core.error.UsageException;

class ArgsTest {
	private static Args parse(String... argv) throws UsageException {
		return Args.parse(List.of(argv), Set.of("--out", "--set", "--seed"), Set.of("--json"));
	}

	@Test
	void valuesFlagsRepeatsAndEqualsForm() throws UsageException {
		Args a = parse("--out", "x", "--json", "--set", "a=1", "--set=b=2", "--seed=7", "pos");
		assertEquals("x", a.require("--out"));
		assertTrue(a.flag("--json"));
		assertEquals(Map.of("a", "1", "b", "2"), a.settings());
		assertEquals(7, a.longValue("--seed", 0));
		assertEquals(List.of("pos"), a.positional());
	}

	@Test
	void errorsAreUsageErrors() {
		assertThrows(UsageException.class, () -> parse("--nope"));
		assertThrows(UsageException.class, () -> parse("--out"));
		assertThrows(UsageException.class, () -> parse("--set", "novalue").settings());
		assertThrows(UsageException.class, () -> parse("--seed", "x").longValue("--seed", 0));
		assertThrows(UsageException.class, () -> parse().require("--out"));
	}
}

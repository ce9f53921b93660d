package org.medad.detector.liverfreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Presets resolve to the documented sizes; a value the user sets always wins. */
class LiverFreqConfigTest {

	private static LiverFreqConfig of(Map<String, Object> values) {
		try {
			return LiverFreqConfig.of(LiverFreqSettings.SCHEMA.coerce(values));
		} catch (org.medad.core.error.UsageException e) {
			throw new IllegalArgumentException(e);
		}
	}

	@Test
	void paperDefaultsAreTheSpecification() {
		LiverFreqConfig c = of(Map.of());
		assertEquals(256, c.size());
		assertEquals(128, c.reconWidth());
		assertEquals(64, c.segWidth());
		assertEquals(230, c.epochs());
		assertEquals(1e-4, c.lr());
		assertEquals(30, c.cutoff());
		assertEquals(21, c.smooth());
		assertNull(c.window());
	}

	@Test
	void cpuPresetAndOverrides() {
		LiverFreqConfig cpu = of(Map.of("preset", "cpu"));
		assertEquals(64, cpu.size());
		assertEquals(16, cpu.reconWidth());
		assertEquals(16, cpu.segWidth());
		assertEquals(20, cpu.epochs());
		assertEquals(2e-3, cpu.lr());
		LiverFreqConfig mine = of(Map.of("preset", "cpu", "size", 96, "lr", 5e-4, "epochs", 12));
		assertEquals(96, mine.size());
		assertEquals(5e-4, mine.lr());
		assertEquals(12, mine.epochs());
		LiverFreqConfig paperSizes = of(Map.of("preset", "cpu", "size", 256, "lr", 1e-4));
		assertEquals(256, paperSizes.size(), "the paper's value, set explicitly, is not replaced by the preset's");
		assertEquals(1e-4, paperSizes.lr());
		assertThrows(IllegalArgumentException.class, () -> of(Map.of("size", 100)), "not a multiple of 32");
	}
}

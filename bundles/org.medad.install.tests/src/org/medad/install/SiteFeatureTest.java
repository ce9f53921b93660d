package org.medad.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SiteFeatureTest {
	@Test
	void stateSaysWhatTheInstallationHas() {
		SiteFeature absent = new SiteFeature("f", "1.0.0", "F", "", "", null);
		SiteFeature same = new SiteFeature("f", "1.0.0", "F", "", "", "1.0.0");
		SiteFeature older = new SiteFeature("f", "1.1.0", "F", "", "", "1.0.0");
		assertFalse(absent.installed());
		assertEquals("Not installed", absent.state());
		assertTrue(same.installed());
		assertEquals("Installed", same.state());
		assertEquals("Installed 1.0.0", older.state());
	}
}

package org.medad.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.io.format.ImageFormats;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The formats registry is a DS component that picks up the PNG format service. */
class ServiceImageFormatsTest {
	@TempDir
	Path tmp;

	@Test
	void registryFindsPngByContentAndNamesUnknownFiles() throws Exception {
		var ctx = FrameworkUtil.getBundle(getClass()).getBundleContext();
		ServiceTracker<ImageFormats, ImageFormats> t = new ServiceTracker<>(ctx, ImageFormats.class, null);
		t.open();
		try {
			ImageFormats formats = t.waitForService(10_000);
			assertNotNull(formats, "ImageFormats service not registered");
			assertTrue(formats.formats().stream().anyMatch(f -> f.name().equals("PNG")));
			Path txt = Files.writeString(tmp.resolve("notes.dat"), "hello");
			BadInputException e = assertThrows(BadInputException.class, () -> formats.read(txt));
			assertTrue(e.getMessage().startsWith(txt.toString()) && e.getMessage().contains("PNG"), e.getMessage());
			BadInputException missing = assertThrows(BadInputException.class, () -> formats.read(tmp.resolve("x.png")));
			assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
			assertEquals(3, missing.exitCode());
		} finally {
			t.close();
		}
	}
}

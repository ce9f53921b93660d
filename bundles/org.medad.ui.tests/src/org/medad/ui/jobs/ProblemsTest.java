package org.medad.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.Test;
import org.medad.core.error.BadInputException;

/** A failure reads as the command line would print it; causes and the trace are details, never the message. */
class ProblemsTest {

	@Test
	void theMessageNamesWhatAndWhyTheDetailsHoldCausesAndTrace() {
		var e = new BadInputException("scan.nii.gz: header says 4 dimensions, the data holds 3", new IOException(
				"short read"));
		IStatus s = Problems.status("/data/scan.nii.gz", e);
		assertEquals(IStatus.ERROR, s.getSeverity());
		assertEquals("/data/scan.nii.gz: scan.nii.gz: header says 4 dimensions, the data holds 3", s.getMessage());
		var lines = Arrays.stream(s.getChildren()).map(IStatus::getMessage).toList();
		assertEquals("caused by: java.io.IOException: short read", lines.get(0));
		assertTrue(lines.stream().anyMatch(l -> l.contains("ProblemsTest.theMessageNames")), "the trace: " + lines);
		assertEquals("internal error (java.lang.NullPointerException)", Problems.reason(new NullPointerException()),
				"an exception without a message still says what it is");
	}
}

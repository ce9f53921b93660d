package org.medad.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A bar redrawn in place on a terminal, plain lines in logs; status lines never torn by the bar. */
class ConsoleProgressTest {

	@Test
	void onATerminalOneBarIsRedrawnInPlace() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
		p.begin("Scoring 4 cases", 4);
		p.worked(1);
		p.status("failed b.png: not an image");
		p.worked(3);
		String out = bytes.toString(StandardCharsets.UTF_8);
		assertTrue(out.contains("\r\033[K[medad] [#######---------------------] 1/4"), out);
		assertTrue(out.contains("\r\033[K[medad] failed b.png: not an image\n"), "the bar is cleared first: " + out);
		assertTrue(out.endsWith("[medad] [############################] 4/4\n"), "the finished bar ends its line: " + out);
	}

	@Test
	void inALogProgressIsPlainLinesWithoutControlCharacters() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
		p.begin("Scoring 10 cases", 10);
		for (int i = 0; i < 10; i++) {
			p.worked(1);
		}
		String out = bytes.toString(StandardCharsets.UTF_8);
		assertFalse(out.contains("\r") || out.contains("\033"), out);
		assertTrue(out.startsWith("[medad] Scoring 10 cases (10 steps)\n"), out);
		assertTrue(out.contains("[medad] Scoring 10 cases: 10/10 (100%)"), out);
		assertEquals(3, out.lines().count(), "the first step, the last, and the header: one line a second at most");
	}
}

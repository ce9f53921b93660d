package org.medad.batch.cli;

import java.io.PrintStream;

import org.medad.run.Json;

/** Where a command writes: results to {@code out}, progress and diagnostics to {@code err}. */
public record Console(PrintStream out, PrintStream err) {

	public void json(Object value) {
		out.println(Json.of(value));
	}
}

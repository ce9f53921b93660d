package org.medad.batch.cli;

import java.util.Set;

/** One verb of the {@code medad} command line. */
public interface Command {

	String name();

	/** One line for {@code medad help}. */
	String summary();

	/** The synopsis and option descriptions printed by {@code --help} and on usage errors. */
	String usage();

	Set<String> valuedOptions();

	default Set<String> flags() {
		return Set.of("--json");
	}

	/** Runs the command; returns the exit code (0 on success). */
	int run(Args args, Console console) throws Exception;
}

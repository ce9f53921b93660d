package org.medad.core.error;

import java.nio.file.Path;

/** Input data that cannot be used: missing, unreadable, wrong layout (exit code 3). */
public class BadInputException extends MedadException {
	private static final long serialVersionUID = 1L;

	public BadInputException(String message) {
		super(3, message);
	}

	public BadInputException(String message, Throwable cause) {
		super(3, message, cause);
	}

	/** A message that starts with the offending file, as every input error should. */
	public static BadInputException of(Path file, String problem) {
		return new BadInputException(file + ": " + words(problem));
	}

	public static BadInputException of(Path file, String problem, Throwable cause) {
		return new BadInputException(file + ": " + words(problem), cause);
	}

	/** Drops the ": null" that a JDK exception without a message leaves at the end of "problem: " + message. */
	private static String words(String problem) {
		String p = problem == null ? "unreadable" : problem;
		while (p.endsWith(": null") || p.endsWith(":")) {
			p = p.endsWith(":") ? p.substring(0, p.length() - 1) : p.substring(0, p.length() - ": null".length());
		}
		return p.isBlank() ? "unreadable" : p;
	}
}

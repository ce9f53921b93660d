package org.medad.core.error;

/** A command or option the program does not understand (exit code 2). */
public class UsageException extends MedadException {
	private static final long serialVersionUID = 1L;

	public UsageException(String message) {
		super(2, message);
	}
}

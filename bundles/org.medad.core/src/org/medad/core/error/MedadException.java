package org.medad.core.error;

/**
 * Base of every failure a user may see. The message is written for the user: it names the file,
 * setting or model concerned and what is wrong with it. {@link #exitCode()} is the contract of the
 * {@code medad} command line (DESIGN.md): 1 internal, 2 usage, 3 bad input, 4 model problem.
 */
public class MedadException extends Exception {
	private static final long serialVersionUID = 1L;
	private final int exitCode;

	public MedadException(int exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	public MedadException(int exitCode, String message) {
		this(exitCode, message, null);
	}

	public int exitCode() {
		return exitCode;
	}
}

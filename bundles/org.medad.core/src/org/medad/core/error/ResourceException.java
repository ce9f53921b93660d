package org.medad.core.error;

/**
 * The settings ask for more than this machine has (memory for a training step): the user changes the settings, so
 * it is a usage error (exit code 2), but without the command's usage text.
 */
public class ResourceException extends MedadException {
	private static final long serialVersionUID = 1L;

	public ResourceException(String message) {
		super(2, message);
	}
}

package org.medad.core.error;

/** A model package that is missing, corrupt, tampered with or meant for another detector (exit code 4). */
public class ModelException extends MedadException {
	private static final long serialVersionUID = 1L;

	public ModelException(String message) {
		super(4, message);
	}

	public ModelException(String message, Throwable cause) {
		super(4, message, cause);
	}
}

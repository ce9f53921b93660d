package org.medad.core.error;

/** The user cancelled long-running work; nothing half-done was written. */
public class CancelledException extends MedadException {
	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super(130, "cancelled");
	}
}

package org.medad.core.detect;

/** What a detector needs to be trained; printed as {@code learnsFrom} by {@code medad detectors --json}. */
public enum LearnsFrom {
	NORMAL("normal"), FEW_SHOT("few-shot"), SYNTHETIC("synthetic");

	private final String label;

	LearnsFrom(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}

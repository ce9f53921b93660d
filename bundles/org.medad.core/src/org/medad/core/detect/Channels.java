package org.medad.core.detect;

import java.util.Locale;

/** The colour channels a detector takes: one grey channel (luma of colour pictures) or three (grey repeated). */
public enum Channels {
	GREY(1), RGB(3);

	private final int count;

	Channels(int count) {
		this.count = count;
	}

	public int count() {
		return count;
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** {@code grey} or {@code rgb}, as model.json records it. */
	public static Channels of(String label) {
		for (Channels c : values()) {
			if (c.label().equals(label)) {
				return c;
			}
		}
		throw new IllegalArgumentException("channels '" + label + "': grey or rgb");
	}
}

package org.medad.run;

import java.io.IOException;

import org.medad.core.error.MedadException;

/** A failure caught on a helper thread (reader, writer), thrown again on the thread that waits for it, as it was. */
final class Failures {
	private Failures() {
	}

	/** Throws {@code failure} (null: returns); a checked exception other than these two is wrapped. */
	static void rethrow(Throwable failure, String what) throws MedadException, IOException {
		if (failure instanceof MedadException e) {
			throw e;
		}
		if (failure instanceof IOException e) {
			throw e;
		}
		if (failure instanceof RuntimeException e) {
			throw e;
		}
		if (failure instanceof Error e) {
			throw e;
		}
		if (failure != null) {
			throw new IllegalStateException(what + " failed", failure);
		}
	}
}

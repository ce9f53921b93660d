package org.medad.phantom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.core.error.CancelledException;
import org.medad.core.error.MedadException;
import org.medad.core.model.AtomicFiles;
import org.medad.core.output.OutputGuard;

/**
 * A phantom data set appears at its path whole (written beside it, then renamed into place), with a
 * {@code phantom.json} that records how it was made and marks it as this program's: an earlier phantom may be
 * replaced, anything else at the path is refused.
 */
final class PhantomFolder {
	static final String MARKER = "phantom.json";

	private PhantomFolder() {
	}

	@FunctionalInterface
	interface Content {
		void write(Path folder) throws IOException, MedadException;
	}

	static boolean isPhantom(Path folder) {
		return Files.isRegularFile(folder.resolve(MARKER));
	}

	static void write(Path out, String recipeJson, Content content) throws IOException, MedadException {
		OutputGuard.freshOrOwn(out, "--out", "phantom data set", PhantomFolder::isPhantom);
		try {
			AtomicFiles.write(out, tmp -> {
				try {
					content.write(tmp);
				} catch (MedadException e) {
					throw new Failed(e);
				}
				Files.writeString(tmp.resolve(MARKER), recipeJson + "\n");
			});
		} catch (Failed f) {
			throw f.cause;
		}
	}

	/** Carries a checked failure (cancel, bad input) through the atomic writer, which then removes the partial copy. */
	private static final class Failed extends RuntimeException {
		private static final long serialVersionUID = 1L;
		final transient MedadException cause;

		Failed(MedadException cause) {
			super(cause.getMessage(), null, false, false);
			this.cause = cause;
		}
	}
}

package org.medad.ui;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The workbench's own folder (runs, recent files, settings presets) and how files in it are written. */
public final class Workspace {
	private Workspace() {
	}

	/** The workspace the workbench was started on ({@code -data}), or {@code ~/.medad} without one. */
	public static Path root() {
		String area = System.getProperty("osgi.instance.area");
		try {
			if (area != null) {
				return Path.of(URI.create(area.replace(" ", "%20")));
			}
		} catch (IllegalArgumentException e) {
			// not a file: URL; fall back
		}
		return Path.of(System.getProperty("user.home"), ".medad");
	}

	/** Writes {@code text} through a temporary file and a rename, so a crash never leaves the file half written. */
	public static void writeAtomically(Path file, String text) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
		try {
			Files.writeString(tmp, text, StandardCharsets.UTF_8);
			try {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		} finally {
			Files.deleteIfExists(tmp);
		}
	}
}

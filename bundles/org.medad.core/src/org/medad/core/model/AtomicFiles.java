package org.medad.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes that either complete or leave nothing: content goes to a temporary sibling that is then
 * renamed over the target, so a crash or error never leaves a half-written file or model package.
 */
public final class AtomicFiles {
	private AtomicFiles() {
	}

	/** A writer of one temporary path (file or folder). */
	@FunctionalInterface
	public interface Writer {
		void write(Path temporary) throws IOException;
	}

	public static void writeString(Path target, String content) throws IOException {
		write(target, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
	}

	/** Runs {@code writer} on a temporary sibling of {@code target}, then moves it into place. */
	public static void write(Path target, Writer writer) throws IOException {
		Path abs = target.toAbsolutePath();
		Files.createDirectories(abs.getParent());
		Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
				+ System.nanoTime());
		try {
			writer.write(tmp);
			move(tmp, abs);
		} catch (IOException | RuntimeException e) {
			deleteTree(tmp);
			throw e;
		}
	}

	private static void move(Path tmp, Path target) throws IOException {
		if (Files.isDirectory(tmp) && Files.exists(target)) {
			// A folder cannot be renamed over a non-empty one: swap it out, then drop the old one.
			Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
			Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			deleteTree(old);
			return;
		}
		try {
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	public static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		Files.walkFileTree(root, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}
}

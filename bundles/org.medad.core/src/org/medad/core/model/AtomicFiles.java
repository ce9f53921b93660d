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
 * Temporary names carry the writer's process id ({@code .NAME.tmp-PID-N}, {@code .NAME.old-PID-N}), so that
 * {@link #recover(Path)} can tell the leftovers of a killed run from the work of a live one.
 */
public final class AtomicFiles {
	private static final String TMP = ".tmp-";
	private static final String OLD = ".old-";

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
		Path tmp = abs.resolveSibling("." + abs.getFileName() + TMP + ProcessHandle.current().pid() + "-"
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
			Path old = target.resolveSibling("." + target.getFileName() + OLD + ProcessHandle.current().pid() + "-"
					+ System.nanoTime());
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

	/**
	 * Repairs what a killed writer of {@code target} left: a folder caught between the two renames of its
	 * replacement (only {@code .NAME.old-*} left) is put back, and temporary and set-aside copies of writers
	 * that are no longer running are removed. Returns whether {@code target} was put back.
	 */
	public static boolean recover(Path target) throws IOException {
		Path abs = target.toAbsolutePath().normalize();
		Path parent = abs.getParent();
		if (parent == null || !Files.isDirectory(parent) || abs.getFileName() == null) {
			return false;
		}
		String name = "." + abs.getFileName();
		boolean restored = false;
		if (!Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			Path old;
			try (var siblings = Files.list(parent)) {
				old = siblings.filter(p -> p.getFileName().toString().startsWith(name + OLD) && !isLive(p, name + OLD))
						.max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
			}
			if (old != null) {
				Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE);
				restored = true;
			}
		}
		try (var siblings = Files.list(parent)) {
			for (Path p : siblings.toList()) {
				String n = p.getFileName().toString();
				if ((n.startsWith(name + TMP) && !isLive(p, name + TMP)) || (n.startsWith(name + OLD)
						&& !isLive(p, name + OLD))) {
					deleteTree(p);
				}
			}
		}
		return restored;
	}

	/**
	 * Removes, anywhere under {@code folder}, the temporary files and folders of writers that are no longer running
	 * (a killed run's half-written maps, tables and packages), and puts back folders caught mid-replacement.
	 */
	public static void recoverTree(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return;
		}
		java.util.List<Path> leftovers = new java.util.ArrayList<>();
		try (var all = Files.walk(folder)) {
			all.filter(p -> !p.equals(folder)).forEach(p -> {
				String n = p.getFileName().toString();
				int i = n.indexOf(TMP) >= 0 ? n.indexOf(TMP) : n.indexOf(OLD);
				if (n.startsWith(".") && i > 1) {
					leftovers.add(p.resolveSibling(n.substring(1, i)));
				}
			});
		}
		for (Path target : new java.util.LinkedHashSet<>(leftovers)) {
			recover(target);
		}
	}

	/** Whether the writer whose process id follows {@code prefix} in the name of {@code p} is still running. */
	private static boolean isLive(Path p, String prefix) {
		String rest = p.getFileName().toString().substring(prefix.length());
		int dash = rest.indexOf('-');
		if (dash <= 0) {
			return false; // an older name without a process id: nobody is writing it any more
		}
		try {
			long pid = Long.parseLong(rest.substring(0, dash));
			// this process's own temporaries may belong to another of its threads (the workbench): never touched
			return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive)
					.orElse(false);
		} catch (NumberFormatException e) {
			return false;
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

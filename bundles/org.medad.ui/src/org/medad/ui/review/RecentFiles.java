package org.medad.ui.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scans and result folders opened last, most recent first, kept in a small text file (one {@code kind<TAB>path}
 * per line) written atomically, so a crash never leaves it half written. Entries whose file has gone are dropped
 * when read.
 */
final class RecentFiles {
	/** What an entry was opened as. */
	enum Kind {
		SCAN, RESULTS
	}

	record Entry(Kind kind, Path path) {
		String label() {
			return (kind == Kind.RESULTS ? "Results: " : "") + path;
		}
	}

	private final Path store;
	private final int max;

	RecentFiles(Path store, int max) {
		this.store = store;
		this.max = max;
	}

	/** The entries that still exist, most recent first; an unreadable store reads as empty. */
	List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		if (!Files.isRegularFile(store)) {
			return entries;
		}
		try {
			for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
				String[] kv = line.split("\t", 2);
				if (kv.length == 2 && entries.size() < max) {
					try {
						Entry e = new Entry(Kind.valueOf(kv[0]), Path.of(kv[1]));
						if (Files.exists(e.path()) && !entries.contains(e)) {
							entries.add(e);
						}
					} catch (IllegalArgumentException bad) {
						// a line of another version or edited by hand: skip it
					}
				}
			}
		} catch (IOException e) {
			return List.of();
		}
		return entries;
	}

	/** Puts {@code path} first (once), keeping at most {@code max} entries. */
	synchronized List<Entry> add(Kind kind, Path path) throws IOException {
		Entry added = new Entry(kind, path.toAbsolutePath().normalize());
		List<Entry> entries = new ArrayList<>(entries());
		entries.remove(added);
		entries.add(0, added);
		List<Entry> kept = entries.subList(0, Math.min(max, entries.size()));
		StringBuilder text = new StringBuilder();
		for (Entry e : kept) {
			text.append(e.kind()).append('\t').append(e.path()).append('\n');
		}
		org.medad.ui.Workspace.writeAtomically(store, text.toString());
		return List.copyOf(kept);
	}
}

package org.medad.io.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.medad.core.error.BadInputException;

/**
 * A manifest of cases: a CSV file with a header naming its columns, {@code path} required, {@code label}
 * (0 normal, 1 anomalous), {@code mask} and {@code split} (train, valid, test) optional, paths relative to
 * the manifest's folder unless absolute. A row that cannot be a case (a missing file, a label outside {0,1}, a path listed twice)
 * keeps its {@link Row#problem()}, so that a batch run reports it and goes on with the others; a
 * manifest that cannot be read at all (no header, no path column) is refused whole.
 */
public final class Manifest {
	/** One row: the case's id (its path as written), the files, the label if given, and what is wrong with it. */
	public record Row(String id, Path image, Integer label, Path mask, String split, String problem) {
		public boolean ok() {
			return problem == null;
		}
	}

	private Manifest() {
	}

	/** Whether {@code file} is read as a manifest: a regular file named *.csv. */
	public static boolean isManifest(Path file) {
		return Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
	}

	public static List<Row> read(Path file) throws BadInputException {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot read the manifest: " + e.getMessage(), e);
		}
		int first = 0;
		while (first < lines.size() && lines.get(first).isBlank()) {
			first++;
		}
		if (first == lines.size()) {
			throw BadInputException.of(file, "the manifest is empty; expected a header line: path,label,mask");
		}
		List<String> header = CsvLine.split(lines.get(first)).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
		int path = header.indexOf("path");
		int label = header.indexOf("label");
		int mask = header.indexOf("mask");
		int splitColumn = header.indexOf("split");
		if (path < 0) {
			throw BadInputException.of(file, "the manifest's header " + header + " has no 'path' column (expected"
					+ " path, and optionally label and mask)");
		}
		Path base = file.toAbsolutePath().getParent();
		List<Row> rows = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = first + 1; i < lines.size(); i++) {
			if (lines.get(i).isBlank()) {
				continue;
			}
			List<String> f = CsvLine.split(lines.get(i));
			String where = file.getFileName() + " line " + (i + 1) + ": ";
			String id = cell(f, path);
			if (id.isEmpty()) {
				rows.add(new Row("line " + (i + 1), null, null, null, null, where + "no path"));
				continue;
			}
			Path image = base.resolve(id).normalize();
			String problem = null;
			Integer y = null;
			String l = cell(f, label);
			if (!l.isEmpty()) {
				if (l.equals("0") || l.equals("1")) {
					y = Integer.valueOf(l);
				} else {
					problem = where + "label '" + l + "' is not 0 (normal) or 1 (anomalous)";
				}
			}
			String m = cell(f, mask);
			Path maskFile = m.isEmpty() ? null : base.resolve(m).normalize();
			if (problem == null && !Files.exists(image)) {
				problem = where + image + ": no such file or folder";
			}
			if (problem == null && maskFile != null && !Files.isRegularFile(maskFile)) {
				problem = where + "mask " + maskFile + ": no such file";
			}
			if (!seen.add(id)) {
				problem = where + id + " is listed twice";
				id = id + " (line " + (i + 1) + ")";
			}
			String split = cell(f, splitColumn);
			rows.add(new Row(id, image, y, maskFile, split.isEmpty() ? null : split, problem));
		}
		if (rows.isEmpty()) {
			throw BadInputException.of(file, "the manifest lists no cases below its header");
		}
		return rows;
	}

	private static String cell(List<String> f, int i) {
		return i < 0 || i >= f.size() ? "" : f.get(i).trim();
	}
}

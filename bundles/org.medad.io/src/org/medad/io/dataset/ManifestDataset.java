package org.medad.io.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.medad.core.error.BadInputException;

/**
 * A manifest ({@link Manifest}) as a labelled data set: with a {@code split} column its rows form the
 * train, valid and test splits; without one every row is in {@code test}. Training takes the rows of
 * {@code train} labelled 0 or unlabelled; evaluation the labelled rows of its split, normal ones first.
 * Rows that cannot be cases (a missing file, a label outside {0,1}, no label where one is needed) are
 * not dropped silently: {@link #problems} lists them for errors.csv.
 */
final class ManifestDataset implements LabelledData {
	private final Path file;
	private final List<Manifest.Row> rows;
	private final boolean splits;

	ManifestDataset(Path file) throws BadInputException {
		this.file = file;
		this.rows = Manifest.read(file);
		this.splits = rows.stream().anyMatch(r -> r.split() != null);
	}

	@Override
	public String layout() {
		return "manifest " + file.getFileName();
	}

	private String splitOf(Manifest.Row r) {
		return splits ? (r.split() == null ? "" : r.split()) : "test";
	}

	@Override
	public List<Case> training() throws BadInputException {
		List<Case> out = new ArrayList<>();
		for (Manifest.Row r : rows) {
			if (r.ok() && splitOf(r).equals("train") && (r.label() == null || r.label() == 0)) {
				out.add(new Case(r.id(), r.image(), false, r.mask()));
			}
		}
		if (out.isEmpty()) {
			throw BadInputException.of(file, "lists no training images (rows with split 'train' and label 0)");
		}
		return out;
	}

	@Override
	public boolean hasSplit(String split) {
		return rows.stream().anyMatch(r -> splitOf(r).equals(split));
	}

	@Override
	public List<Case> cases(String split) throws BadInputException {
		List<Case> out = new ArrayList<>();
		for (Manifest.Row r : rows) {
			if (r.ok() && r.label() != null && splitOf(r).equals(split)) {
				out.add(new Case(r.id(), r.image(), r.label() == 1, r.mask()));
			}
		}
		if (out.isEmpty()) {
			throw BadInputException.of(file, "lists no labelled cases in split '" + split + "'" + (splits ? ""
					: " (without a split column every row is in 'test')"));
		}
		out.sort(Comparator.comparing(Case::anomalous)); // normal first, stable within each class
		return out;
	}

	@Override
	public List<Map.Entry<String, String>> problems(String split) {
		List<Map.Entry<String, String>> out = new ArrayList<>();
		for (Manifest.Row r : rows) {
			if (!splitOf(r).equals(split)) {
				continue;
			}
			if (!r.ok()) {
				out.add(Map.entry(r.id(), r.problem()));
			} else if (r.label() == null) {
				out.add(Map.entry(r.id(), file.getFileName() + ": " + r.id() + " has no label (0 normal, 1 anomalous)"
						+ " to evaluate against"));
			}
		}
		return out;
	}
}

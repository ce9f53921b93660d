package org.medad.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.error.UsageException;
import org.medad.io.dataset.Case;
import org.medad.io.dataset.LabelledData;

/**
 * Which labelled cases of the validation split a few-shot method learns from: {@code perClass} normal and as many
 * anomalous cases drawn with the run's seed, or the cases a list names (a paper's published k-shot lists). The shots
 * are left out of threshold calibration.
 */
public record ShotSelection(int perClass, List<String> listed, boolean atMost) {
	/** Shots per class when a few-shot detector is trained without a selection (the MVFA paper reports k = 2..16). */
	public static final int DEFAULT_PER_CLASS = 4;
	private static final String SPLIT = "valid";
	private static final java.util.regex.Pattern SEED_LINE = java.util.regex.Pattern.compile("([an])-(\\d+):(.*)");

	public ShotSelection {
		listed = listed == null ? List.of() : List.copyOf(listed);
	}

	public ShotSelection(int perClass, List<String> listed) {
		this(perClass, listed, false);
	}

	/** What a run takes when none is asked for: up to the default per class, fewer where valid/ holds fewer. */
	public static ShotSelection byDefault() {
		return new ShotSelection(DEFAULT_PER_CLASS, List.of(), true);
	}

	/**
	 * A shots file: one case id per line, or the official MVFA seed-list format ({@code a-0: f1.png f2.png} for
	 * valid/Ungood and {@code n-0: …} for valid/good, iteration 0 only). Names pick cases of their class by file name.
	 */
	public static ShotSelection fromFile(Path file) throws MedadException {
		List<String> lines;
		try {
			lines = java.nio.file.Files.readAllLines(file);
		} catch (java.io.IOException e) {
			throw BadInputException.of(file, "cannot be read: " + e.getMessage(), e);
		}
		List<String> ids = new ArrayList<>();
		boolean seedList = lines.stream().anyMatch(l -> SEED_LINE.matcher(l.strip()).matches());
		for (String raw : lines) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (!seedList) {
				ids.add(line);
				continue;
			}
			java.util.regex.Matcher m = SEED_LINE.matcher(line);
			if (!m.matches()) {
				throw BadInputException.of(file, "line '" + line + "' is not 'a-N: names' or 'n-N: names'");
			}
			if (!m.group(2).equals("0")) {
				continue; // later iterations of the official protocol: one selection per run
			}
			for (String name : m.group(3).trim().split("\\s+")) {
				if (!name.isEmpty()) {
					ids.add((m.group(1).equals("a") ? "anomalous: " : "normal: ") + name); // a-: Ungood/, n-: good/
				}
			}
		}
		return listed(ids);
	}

	public static ShotSelection seeded(int perClass) throws UsageException {
		if (perClass < 1) {
			throw new UsageException("--shots: " + perClass + " is not a number of shots per class (1 or more)");
		}
		return new ShotSelection(perClass, List.of());
	}

	public static ShotSelection listed(List<String> ids) throws UsageException {
		if (ids.isEmpty()) {
			throw new UsageException("--shot-list names no case");
		}
		return new ShotSelection(0, ids);
	}

	/** What the model package records. */
	public String describe() {
		return listed.isEmpty() ? (atMost ? "up to " : "") + perClass + " normal and " + perClass + " anomalous from "
				+ SPLIT + ", seeded"
				: listed.size() + " listed cases from " + SPLIT;
	}

	/** The shots' cases, normal ones first, each class in a stable order. */
	public List<Case> select(LabelledData data, long seed, String where) throws BadInputException {
		if (!data.hasSplit(SPLIT)) {
			throw new BadInputException(where + ": few-shot training draws its shots from " + SPLIT
					+ "/, which this data set lacks");
		}
		List<Case> cases = new ArrayList<>(data.cases(SPLIT));
		cases.sort(Comparator.comparing(Case::id));
		if (!listed.isEmpty()) {
			Set<String> wanted = new LinkedHashSet<>(listed);
			List<Case> out = cases.stream().filter(c -> names(c).stream().anyMatch(wanted::contains)).toList();
			Set<String> unmatched = new LinkedHashSet<>(wanted);
			out.forEach(c -> unmatched.removeAll(names(c)));
			List<String> missing = unmatched.stream().map(n -> n.replaceFirst("^(normal|anomalous): (.*)$", "$2 ($1)"))
					.toList();
			if (!missing.isEmpty()) {
				throw new BadInputException(where + ": the shot list names cases that " + SPLIT + "/ does not hold: "
						+ missing + " (ids look like " + (cases.isEmpty() ? "none" : cases.get(0).id()) + ")");
			}
			return ordered(out);
		}
		Random random = new Random(seed ^ 0x5407C0DEL);
		List<Case> out = new ArrayList<>();
		for (boolean anomalous : new boolean[] { false, true }) {
			List<Case> pool = new ArrayList<>(cases.stream().filter(c -> c.anomalous() == anomalous).toList());
			java.util.Collections.shuffle(pool, random);
			if (pool.size() < perClass && atMost && !pool.isEmpty()) {
				chosen(out, pool, pool.size());
				continue;
			}
			if (pool.size() < perClass) {
				throw new BadInputException(where + ": " + perClass + " " + (anomalous ? "anomalous" : "normal")
						+ " shots asked for, " + SPLIT + "/ holds " + pool.size());
			}
			chosen(out, pool, perClass);
		}
		return out;
	}

	/**
	 * A listed name picks a case by its id, or by its file name (with or without extension) within its class, as the
	 * seed lists name them ({@code normal: NAME}, {@code anomalous: NAME}).
	 */
	private static List<String> names(Case c) {
		String file = c.image().getFileName().toString();
		int dot = file.lastIndexOf('.');
		String label = c.anomalous() ? "anomalous: " : "normal: ";
		return List.of(c.id(), label + file, label + (dot > 0 ? file.substring(0, dot) : file));
	}

	private static void chosen(List<Case> out, List<Case> pool, int n) {
		List<Case> chosen = new ArrayList<>(pool.subList(0, n));
		chosen.sort(Comparator.comparing(Case::id));
		out.addAll(chosen);
	}

	private static List<Case> ordered(List<Case> cases) {
		List<Case> out = new ArrayList<>(cases.stream().filter(c -> !c.anomalous()).toList());
		out.addAll(cases.stream().filter(Case::anomalous).toList());
		return out;
	}
}

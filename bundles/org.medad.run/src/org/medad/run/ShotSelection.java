package org.medad.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.medad.core.error.BadInputException;
import org.medad.core.error.UsageException;
import org.medad.io.dataset.Case;
import org.medad.io.dataset.LabelledData;

/**
 * Which labelled cases of the validation split a few-shot method learns from: {@code perClass} normal and as many
 * anomalous cases drawn with the run's seed, or the cases a list names (a paper's published k-shot lists). The shots
 * are left out of threshold calibration.
 */
public record ShotSelection(int perClass, List<String> listed) {
	/** Shots per class when a few-shot detector is trained without a selection (the MVFA paper reports k = 2..16). */
	public static final int DEFAULT_PER_CLASS = 4;
	private static final String SPLIT = "valid";

	public ShotSelection {
		listed = listed == null ? List.of() : List.copyOf(listed);
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
		return listed.isEmpty() ? perClass + " normal and " + perClass + " anomalous from " + SPLIT + ", seeded"
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
			List<Case> out = cases.stream().filter(c -> wanted.contains(c.id())).toList();
			Set<String> missing = new LinkedHashSet<>(wanted);
			out.forEach(c -> missing.remove(c.id()));
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
			if (pool.size() < perClass) {
				throw new BadInputException(where + ": " + perClass + " " + (anomalous ? "anomalous" : "normal")
						+ " shots asked for, " + SPLIT + "/ holds " + pool.size());
			}
			List<Case> chosen = new ArrayList<>(pool.subList(0, perClass));
			chosen.sort(Comparator.comparing(Case::id));
			out.addAll(chosen);
		}
		return out;
	}

	private static List<Case> ordered(List<Case> cases) {
		List<Case> out = new ArrayList<>(cases.stream().filter(c -> !c.anomalous()).toList());
		out.addAll(cases.stream().filter(Case::anomalous).toList());
		return out;
	}
}

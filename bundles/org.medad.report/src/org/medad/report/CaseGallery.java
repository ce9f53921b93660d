package org.medad.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The cases a reader of a report looks at first, kept while an evaluation streams past: the most
 * anomalous cases, the missed lesions (anomalous cases scored lowest) and the false alarms (normal
 * cases scored highest), {@code perKind} of each. A case's view is rendered only when it enters one
 * of them, so thousands of cases cost a few dozen renderings.
 */
public final class CaseGallery {
	/** A case with its rendered view. */
	public record Shown(String id, double score, boolean anomalous, String note, byte[] png) {
	}

	private final int perKind;
	private final PriorityQueue<Shown> top = new PriorityQueue<>(Comparator.comparingDouble(Shown::score));
	private final PriorityQueue<Shown> missed = new PriorityQueue<>(Comparator.comparingDouble(Shown::score).reversed());
	private final PriorityQueue<Shown> falseAlarms = new PriorityQueue<>(Comparator.comparingDouble(Shown::score));

	public CaseGallery(int perKind) {
		this.perKind = perKind;
	}

	/**
	 * Offers a case; {@code view} renders its PNG if it is kept. {@code note} says what is shown (e.g. the slice of a
	 * volume).
	 */
	public void offer(String id, double score, boolean anomalous, String note, Supplier<byte[]> view) {
		Shown[] made = { null };
		Supplier<Shown> shown = () -> made[0] != null ? made[0] : (made[0] = new Shown(id, score, anomalous, note,
				view.get()));
		keep(top, score, shown, true);
		if (anomalous) {
			keep(missed, score, shown, false);
		} else {
			keep(falseAlarms, score, shown, true);
		}
	}

	/** Whether a case scored {@code score} would be kept now: its view is worth rendering. */
	public boolean wants(double score, boolean anomalous) {
		return enters(top, score, true) || (anomalous ? enters(missed, score, false) : enters(falseAlarms, score, true));
	}

	private boolean enters(PriorityQueue<Shown> q, double score, boolean high) {
		return q.size() < perKind || (high ? score > q.peek().score() : score < q.peek().score());
	}

	private void keep(PriorityQueue<Shown> q, double score, Supplier<Shown> shown, boolean high) {
		if (enters(q, score, high)) {
			q.add(shown.get());
			if (q.size() > perKind) {
				q.poll();
			}
		}
	}

	/** The most anomalous cases, highest score first. */
	public List<Shown> mostAnomalous() {
		return sorted(top, true);
	}

	/** Anomalous cases scored lowest, lowest first. */
	public List<Shown> missedLesions() {
		return sorted(missed, false);
	}

	/** Normal cases scored highest, highest first. */
	public List<Shown> falseAlarms() {
		return sorted(falseAlarms, true);
	}

	private static List<Shown> sorted(PriorityQueue<Shown> q, boolean descending) {
		List<Shown> l = new ArrayList<>(q);
		l.sort(Comparator.comparingDouble(Shown::score));
		if (descending) {
			java.util.Collections.reverse(l);
		}
		return l;
	}
}

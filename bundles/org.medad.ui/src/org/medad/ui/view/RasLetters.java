package org.medad.ui.view;

/**
 * The orientation letters at a view's edges: the patient direction an edge points to, from its RAS vector. The
 * dominant component gives the letter (R/L, A/P, S/I); an oblique direction gets a second letter for a component of
 * at least a third of the length, as ITK-SNAP shows ("LA").
 */
public final class RasLetters {
	private static final String[] POSITIVE = { "R", "A", "S" };
	private static final String[] NEGATIVE = { "L", "P", "I" };

	private RasLetters() {
	}

	/** The letters of the direction {@code v} (RAS, any length). */
	public static String of(double[] v) {
		double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
		if (!(len > 0)) {
			throw new IllegalArgumentException("a direction needs a length");
		}
		Integer[] order = { 0, 1, 2 };
		java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(v[b]), Math.abs(v[a])));
		StringBuilder s = new StringBuilder(letter(v, order[0]));
		if (Math.abs(v[order[1]]) / len >= 1.0 / 3) {
			s.append(letter(v, order[1]));
		}
		return s.toString();
	}

	private static String letter(double[] v, int axis) {
		return v[axis] >= 0 ? POSITIVE[axis] : NEGATIVE[axis];
	}
}

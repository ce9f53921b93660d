package org.medad.core.detect;

/**
 * The values a detector's image scores and map pixels can take (inclusive): a threshold outside them can never be
 * crossed, or is always crossed, so a model package holding one is refused.
 */
public record ScoreRange(double min, double max) {
	/** No bound beyond being finite. */
	public static final ScoreRange ANY = new ScoreRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
	/** Distances and deviations. */
	public static final ScoreRange NON_NEGATIVE = new ScoreRange(0, Double.POSITIVE_INFINITY);
	/** Probabilities. */
	public static final ScoreRange UNIT = new ScoreRange(0, 1);

	public ScoreRange {
		if (!(min <= max)) {
			throw new IllegalArgumentException("empty score range [" + min + ", " + max + "]");
		}
	}

	public boolean contains(double v) {
		return Double.isFinite(v) && v >= min && v <= max;
	}

	@Override
	public String toString() {
		return "[" + min + ", " + (max == Double.POSITIVE_INFINITY ? "inf" : String.valueOf(max)) + "]";
	}
}

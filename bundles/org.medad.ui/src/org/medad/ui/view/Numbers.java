package org.medad.ui.view;

import java.util.Locale;

/** Numbers as the views print them: no trailing zeros, no exponent for the ranges images have. */
final class Numbers {
	private Numbers() {
	}

	static String compact(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e9) {
			return String.valueOf((long) v);
		}
		String s = String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.4g", v);
		return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
	}
}

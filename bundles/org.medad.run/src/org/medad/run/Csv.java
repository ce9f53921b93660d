package org.medad.run;

import java.util.List;
import java.util.Locale;

/** RFC 4180 CSV lines: fields quoted when they hold a comma, quote or line break. */
public final class Csv {
	private Csv() {
	}

	public static String line(Object... fields) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < fields.length; i++) {
			if (i > 0) {
				b.append(',');
			}
			b.append(field(fields[i]));
		}
		return b.append('\n').toString();
	}

	static String field(Object o) {
		String s = o instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(o);
		if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
			return '"' + s.replace("\"", "\"\"") + '"';
		}
		return s;
	}

	/** Splits one line written by {@link #line}. */
	public static List<String> parse(String line) {
		return org.medad.io.dataset.CsvLine.split(line);
	}

	public static String scores(List<CaseScore> rows) {
		StringBuilder b = new StringBuilder(line("case", "score", "label_pred", "seconds"));
		for (CaseScore r : rows) {
			b.append(line(r.id(), r.score(), r.predicted() ? 1 : 0, r.seconds()));
		}
		return b.toString();
	}

	public static String errors(List<CaseError> rows) {
		StringBuilder b = new StringBuilder(line("case", "reason"));
		for (CaseError e : rows) {
			b.append(line(e.id(), e.reason()));
		}
		return b.toString();
	}
}

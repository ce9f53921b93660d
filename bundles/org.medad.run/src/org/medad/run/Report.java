package org.medad.run;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A self-contained HTML summary of an evaluation: metrics, the most doubtful cases, errors. */
final class Report {
	private Report() {
	}

	static String html(Map<String, Object> metrics, List<CaseScore> rows, List<CaseError> errors) {
		StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>MedAD evaluation"
				+ "</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:left}"
				+ "</style></head><body>\n<h1>MedAD evaluation</h1>\n<h2>Metrics</h2>\n<table>\n");
		metrics.forEach((k, v) -> b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(String.valueOf(v)))
				.append("</td></tr>\n"));
		b.append("</table>\n<h2>Lowest-scored anomalous cases</h2>\n");
		table(b, rows.stream().filter(CaseScore::anomalous).sorted(Comparator.comparingDouble(CaseScore::score)).limit(10)
				.toList());
		b.append("<h2>Highest-scored normal cases</h2>\n");
		table(b, rows.stream().filter(r -> !r.anomalous())
				.sorted(Comparator.comparingDouble(CaseScore::score).reversed()).limit(10).toList());
		b.append("<h2>Errors (").append(errors.size()).append(")</h2>\n<ul>\n");
		for (CaseError e : errors) {
			b.append("<li>").append(esc(e.id())).append(": ").append(esc(e.reason())).append("</li>\n");
		}
		return b.append("</ul>\n</body></html>\n").toString();
	}

	private static void table(StringBuilder b, List<CaseScore> rows) {
		b.append("<table><tr><th>case</th><th>score</th></tr>\n");
		for (CaseScore r : rows) {
			b.append("<tr><td>").append(esc(r.id())).append("</td><td>").append(String.format("%.4f", r.score()))
					.append("</td></tr>\n");
		}
		b.append("</table>\n");
	}

	private static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}

package org.medad.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.medad.metrics.Aupro;
import org.medad.report.chart.Charts;

/**
 * The evaluation report: one self-contained HTML page (styles and every image inline, nothing fetched
 * from the network) with the metrics table, ROC / precision-recall / per-region-overlap curves, score
 * histograms with the threshold, the most anomalous cases, missed lesions and false alarms as
 * thumbnails, the run's metadata and its errors. Several runs (a comparison) share the tables and the
 * curve charts column by column and series by series.
 */
public final class HtmlReport {
	/** The metrics shown first, with their labels; any others follow under their own names. */
	private static final Map<String, String> LABELS = labels();

	private HtmlReport() {
	}

	public static String render(String title, String subtitle, List<ReportRun> runs) {
		StringBuilder b = new StringBuilder(64 * 1024);
		b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(esc(title))
				.append("</title>\n<style>").append(CSS).append("</style></head><body>\n<header><h1>")
				.append(esc(title)).append("</h1><p class=\"sub\">").append(esc(subtitle)).append("</p></header>\n");
		metricsTable(b, runs);
		curves(b, runs);
		histograms(b, runs);
		for (ReportRun r : runs) {
			cases(b, r, runs.size() > 1);
		}
		metadata(b, runs);
		errors(b, runs);
		return b.append("<footer>MedAD Workbench evaluation report</footer>\n</body></html>\n").toString();
	}

	private static void metricsTable(StringBuilder b, List<ReportRun> runs) {
		b.append("<section id=\"metrics\"><h2>Metrics</h2>\n<table class=\"metrics\"><tr><th>metric</th>");
		for (ReportRun r : runs) {
			b.append("<th>").append(esc(r.name())).append("</th>");
		}
		b.append("</tr>\n");
		Set<String> keys = new LinkedHashSet<>(LABELS.keySet());
		runs.forEach(r -> keys.addAll(r.metrics().keySet()));
		for (String k : keys) {
			// long texts (hashes, calibration notes) belong to the run table, where they wrap
			if (runs.stream().noneMatch(r -> r.metrics().containsKey(k)) || runs.stream()
					.anyMatch(r -> r.metrics().get(k) instanceof String t && t.length() > 24)) {
				continue;
			}
			b.append("<tr><th title=\"").append(esc(k)).append("\">").append(esc(LABELS.getOrDefault(k, k)))
					.append("</th>");
			for (ReportRun r : runs) {
				b.append("<td>").append(esc(format(r.metrics().get(k)))).append("</td>");
			}
			b.append("</tr>\n");
		}
		b.append("</table></section>\n");
	}

	private static void curves(StringBuilder b, List<ReportRun> runs) {
		b.append("<section id=\"curves\"><h2>Curves</h2><div class=\"grid\">\n");
		List<Charts.Named> image = runs.stream().map(r -> new Charts.Named(r.name(), r.image())).toList();
		if (image.stream().allMatch(n -> n.curve().positives() > 0 && n.curve().negatives() > 0)) {
			chart(b, "image ROC", Charts.roc("Image ROC", image));
			chart(b, "image precision-recall", Charts.precisionRecall("Image precision-recall", image));
		}
		List<Charts.Named> pixels = new ArrayList<>();
		for (ReportRun r : runs) {
			if (r.pixels() != null && r.pixels().positives() > 0 && r.pixels().negatives() > 0) {
				pixels.add(new Charts.Named(r.name(), r.pixels()));
			}
		}
		if (!pixels.isEmpty()) {
			chart(b, "pixel ROC", Charts.roc("Pixel ROC", pixels));
			chart(b, "pixel precision-recall", Charts.precisionRecall("Pixel precision-recall", pixels));
			chart(b, "per-region overlap", Charts.regionOverlap("Per-region overlap (AUPRO to FPR 0.3)", pixels,
					Aupro.DEFAULT_FPR_LIMIT));
		}
		b.append("</div></section>\n");
	}

	private static void histograms(StringBuilder b, List<ReportRun> runs) {
		b.append("<section id=\"histograms\"><h2>Score distributions</h2><div class=\"grid\">\n");
		for (ReportRun r : runs) {
			chart(b, "score histogram " + r.name(), Charts.histogram("Image scores: " + r.name(), r.normal(),
					r.anomalous(), r.threshold()));
		}
		b.append("</div></section>\n");
	}

	private static void chart(StringBuilder b, String alt, byte[] png) {
		b.append("<figure class=\"chart\"><img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
				.append(Base64.getEncoder().encodeToString(png)).append("\"></figure>\n");
	}

	private static void cases(StringBuilder b, ReportRun r, boolean named) {
		String suffix = named ? ": " + r.name() : "";
		b.append("<section class=\"cases\"><h2>Cases to look at").append(esc(suffix)).append("</h2>\n");
		b.append("<p class=\"legend\">Each case: the image, the anomaly map over it, the ground-truth contour"
				+ " (green) over it; volumes on the slice of the map's maximum.</p>\n");
		gallery(b, "Most anomalous", r.gallery().mostAnomalous(), r.threshold());
		gallery(b, "Missed lesions (anomalous cases scored lowest)", r.gallery().missedLesions(), r.threshold());
		gallery(b, "False alarms (normal cases scored highest)", r.gallery().falseAlarms(), r.threshold());
		b.append("</section>\n");
	}

	private static void gallery(StringBuilder b, String heading, List<CaseGallery.Shown> shown, Double threshold) {
		if (shown.isEmpty()) {
			return;
		}
		b.append("<h3>").append(esc(heading)).append("</h3><div class=\"thumbs\">\n");
		for (CaseGallery.Shown s : shown) {
			boolean called = threshold != null && s.score() >= threshold;
			b.append("<figure class=\"case\"><img alt=\"case ").append(esc(s.id()))
					.append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(s.png()))
					.append("\"><figcaption><b>").append(esc(s.id())).append("</b><br>score ")
					.append(esc(format(s.score()))).append(" &middot; ").append(s.anomalous() ? "anomalous" : "normal")
					.append(threshold == null ? "" : called ? " &middot; called anomalous" : " &middot; called normal")
					.append(s.note() == null || s.note().isEmpty() ? "" : "<br>" + esc(s.note()))
					.append("</figcaption></figure>\n");
		}
		b.append("</div>\n");
	}

	private static void metadata(StringBuilder b, List<ReportRun> runs) {
		b.append("<section id=\"run\"><h2>Run</h2>\n<table class=\"meta\"><tr><th></th>");
		for (ReportRun r : runs) {
			b.append("<th>").append(esc(r.name())).append("</th>");
		}
		b.append("</tr>\n");
		Set<String> keys = new LinkedHashSet<>();
		runs.forEach(r -> keys.addAll(r.metadata().keySet()));
		for (String k : keys) {
			b.append("<tr><th>").append(esc(k)).append("</th>");
			for (ReportRun r : runs) {
				b.append("<td>").append(esc(format(r.metadata().get(k)))).append("</td>");
			}
			b.append("</tr>\n");
		}
		b.append("</table></section>\n");
	}

	private static void errors(StringBuilder b, List<ReportRun> runs) {
		int total = runs.stream().mapToInt(r -> r.errors().size()).sum();
		b.append("<section id=\"errors\"><h2>Cases not evaluated (").append(total).append(")</h2>\n");
		if (total == 0) {
			b.append("<p>None: every case was read and scored.</p>\n");
		}
		for (ReportRun r : runs) {
			if (r.errors().isEmpty()) {
				continue;
			}
			b.append("<ul class=\"errors\">\n");
			for (Map.Entry<String, String> e : r.errors()) {
				b.append("<li>").append(runs.size() > 1 ? esc(r.name()) + ": " : "").append("<b>").append(esc(e.getKey()))
						.append("</b>: ").append(esc(e.getValue())).append("</li>\n");
			}
			b.append("</ul>\n");
		}
		b.append("</section>\n");
	}

	static String format(Object v) {
		if (v == null) {
			return "n/a";
		}
		if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			return Double.isFinite(d) ? String.format(Locale.ROOT, Math.abs(d) >= 1e4 || (d != 0 && Math.abs(d) < 1e-3)
					? "%.4g" : "%.4f", d) : "n/a";
		}
		return String.valueOf(v);
	}

	static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static Map<String, String> labels() {
		Map<String, String> m = new java.util.LinkedHashMap<>();
		m.put("image_auroc", "Image AUROC");
		m.put("image_aupr", "Image AUPR (average precision)");
		m.put("f1_max", "Image F1-max");
		m.put("f1_max_threshold", "Image F1-max at threshold");
		m.put("pixel_auroc", "Pixel AUROC");
		m.put("pixel_aupr", "Pixel AUPR (average precision)");
		m.put("pixel_f1_max", "Pixel F1-max");
		m.put("pixel_f1_max_threshold", "Pixel F1-max at threshold");
		m.put("aupro", "AUPRO (FPR <= 0.3)");
		m.put("dice", "Dice at the pixel threshold");
		m.put("iou", "IoU at the pixel threshold");
		m.put("region_overlap", "Per-region overlap at the pixel threshold");
		m.put("threshold", "Image threshold (calibrated)");
		m.put("pixel_threshold", "Pixel threshold (calibrated)");
		m.put("n_normal", "Normal cases");
		m.put("n_anomalous", "Anomalous cases");
		return java.util.Collections.unmodifiableMap(m);
	}

	private static final String CSS = """
			body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;color:#1d2330;\
			background:#f4f6f9}
			header{background:#1d2a44;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}\
			.sub{margin:4px 0 0;color:#c5cfe0}
			section{background:#fff;margin:18px 32px;padding:14px 20px;border-radius:8px;box-shadow:0 1px 3px #0002}
			h2{font-size:17px;margin:4px 0 12px}h3{font-size:14px;margin:14px 0 6px;color:#3a4660}
			table{border-collapse:collapse}th,td{padding:4px 12px;text-align:left;border-bottom:1px solid #e6e9ef}
			table.metrics td{font-variant-numeric:tabular-nums;text-align:right;min-width:90px}
			table.meta td{max-width:560px;overflow-wrap:anywhere;font-size:13px}
			.grid{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}.chart img{border:1px solid #e6e9ef;border-radius:4px}
			.thumbs{display:flex;flex-wrap:wrap;gap:14px}.case figcaption{font-size:12px;color:#3a4660;max-width:488px;\
			word-break:break-all}
			.case img{border-radius:4px;background:#000}.legend{color:#5a6680;margin:0 0 6px}
			ul.errors li{margin:2px 0}footer{color:#8a94a8;font-size:12px;margin:18px 32px}
			""";
}

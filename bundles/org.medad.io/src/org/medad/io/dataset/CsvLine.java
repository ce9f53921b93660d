package org.medad.io.dataset;

import java.util.ArrayList;
import java.util.List;

/** One line of an RFC 4180 CSV file, split into its fields (a doubled quote inside quotes is one quote). */
public final class CsvLine {
	private CsvLine() {
	}

	/** The fields of one line: commas separate, double quotes enclose fields holding commas, quotes or breaks. */
	public static List<String> split(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cur.append('"');
					i++;
				} else if (c == '"') {
					quoted = false;
				} else {
					cur.append(c);
				}
			} else if (c == '"') {
				quoted = true;
			} else if (c == ',') {
				out.add(cur.toString());
				cur.setLength(0);
			} else {
				cur.append(c);
			}
		}
		out.add(cur.toString());
		return out;
	}
}

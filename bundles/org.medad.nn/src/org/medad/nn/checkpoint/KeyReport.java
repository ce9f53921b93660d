package org.medad.nn.checkpoint;

import java.util.List;

/** How a checkpoint's tensors line up with a model's: what the model lacks, what it did not expect, what is mis-shaped. */
public record KeyReport(List<String> missing, List<String> unexpected, List<String> misshaped) {

	public boolean clean() {
		return missing.isEmpty() && unexpected.isEmpty() && misshaped.isEmpty();
	}

	/** Multi-line listing for error messages (at most {@code limit} names per group). */
	public String describe(int limit) {
		StringBuilder b = new StringBuilder();
		group(b, "missing", missing, limit);
		group(b, "unexpected", unexpected, limit);
		group(b, "mis-shaped", misshaped, limit);
		return b.toString().stripTrailing();
	}

	private static void group(StringBuilder b, String label, List<String> names, int limit) {
		if (names.isEmpty()) {
			return;
		}
		b.append("  ").append(names.size()).append(' ').append(label).append(" key").append(names.size() == 1 ? "" : "s")
				.append(":\n");
		names.stream().limit(limit).forEach(n -> b.append("    ").append(n).append('\n'));
		if (names.size() > limit) {
			b.append("    ... and ").append(names.size() - limit).append(" more\n");
		}
	}
}

package org.medad.run;


import org.medad.core.error.UsageException;
import org.medad.core.model.Hashes;

/**
 * A deterministic share of a batch's cases, {@code index} of {@code count} (1-based, as "--shard 2/4"
 * reads): a case belongs to the shard its id's SHA-256 falls in, so n machines given the same inputs
 * split them without talking to each other, every case lands in exactly one shard, and adding cases to a
 * manifest never moves the cases already there to another shard.
 */
public record Shard(int index, int count) {
	public static final Shard ALL = new Shard(1, 1);

	public Shard {
		if (count < 1 || index < 1 || index > count) {
			throw new IllegalArgumentException("shard " + index + "/" + count + ": expected 1 <= i <= n");
		}
	}

	/** Parses "i/n". */
	public static Shard parse(String s) throws UsageException {
		String[] p = s.trim().split("/");
		try {
			if (p.length == 2) {
				return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
			}
		} catch (IllegalArgumentException e) {
			throw new UsageException("--shard " + s + ": expected i/n with 1 <= i <= n, e.g. 2/4");
		}
		throw new UsageException("--shard " + s + ": expected i/n with 1 <= i <= n, e.g. 2/4");
	}

	public boolean includes(String caseId) {
		if (count == 1) {
			return true;
		}
		String hex = Hashes.sha256(caseId);
		long h = Long.parseUnsignedLong(hex.substring(0, 15), 16); // 60 bits: uniform enough for any n
		return h % count == index - 1;
	}

	@Override
	public String toString() {
		return index + "/" + count;
	}
}

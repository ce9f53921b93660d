package org.medad.detector.mvfa.score;

import java.util.List;

import org.medad.nn.Scalar;
import org.medad.nn.resample.Interpolation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The few-shot memory of one adapter head (METHODS.md §2.4, the official {@code test_few}): per level, every token
 * of the augmented normal supports, class rows included as the official code keeps them, as unit rows. A query
 * patch's distance is min over the bank of (1 - cos), computed as 1 - max of one matrix product per query chunk.
 */
public final class MemoryBank implements AutoCloseable {
	/** Similarity matrix bytes per chunk: a CLIP-L bank at k = 16 (51,040 rows) takes four images at a time. */
	private static final long CHUNK_BYTES = 256L << 20;

	private final List<NDArray> levels;

	/** @param levels per level the bank rows (M, D), not yet normalised; taken over (closed with the bank) */
	public MemoryBank(List<NDArray> levels) {
		this.levels = levels.stream().map(MemoryBank::unitRows).toList();
		levels.forEach(NDArray::close);
	}

	/** Per level, the level tokens of every support image (S, 1 + P, D) stacked to (S·(1 + P), D). */
	public static MemoryBank of(List<NDArray> supportTokens) {
		return new MemoryBank(supportTokens.stream().map(t -> t.reshape(-1, t.getShape().get(2))).toList());
	}

	public int levelCount() {
		return levels.size();
	}

	public long rows() {
		return levels.get(0).getShape().get(0);
	}

	public List<NDArray> levels() {
		return levels;
	}

	/** Level tokens of queries (B, 1 + P, D) → min distance to the bank per patch (B, P). */
	public NDArray distances(int level, NDArray tokens) {
		NDArray bank = levels.get(level);
		long b = tokens.getShape().get(0);
		long p = tokens.getShape().get(1) - 1;
		long d = tokens.getShape().get(2);
		NDManager m = tokens.getManager();
		try (NDManager scope = m.newSubManager()) {
			NDArray q = unitRows(tokens.get(":, 1:, :").reshape(b * p, d));
			NDArray bankT = bank.transpose();
			long perChunk = Math.max(1, CHUNK_BYTES / (4 * bank.getShape().get(0)));
			NDList parts = new NDList();
			for (long from = 0; from < b * p; from += perChunk) {
				NDArray sim = q.get(from + ":" + Math.min(b * p, from + perChunk)).matMul(bankT);
				parts.add(sim.max(new int[] { 1 }));
				sim.close();
			}
			NDArray best = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
			NDArray out = Scalar.of(best, 1).sub(best).reshape(b, p);
			out.attach(m);
			return out;
		}
	}

	/** Distances (B, P) → the level's map (B, side, side), bilinear with align_corners=True. */
	public static NDArray map(NDArray distances, int side) {
		long b = distances.getShape().get(0);
		int grid = (int) Math.round(Math.sqrt(distances.getShape().get(1)));
		NDArray up = Interpolation.bilinear(distances.reshape(b, 1, grid, grid), side, side, true);
		return up.reshape(b, side, side);
	}

	/** a / clamp(|a|, 1e-8) per row, as the official {@code cos_sim}. */
	static NDArray unitRows(NDArray a) {
		return a.div(Scalar.max(a.norm(new int[] { -1 }, true), 1e-8));
	}

	@Override
	public void close() {
		levels.forEach(NDArray::close);
	}
}

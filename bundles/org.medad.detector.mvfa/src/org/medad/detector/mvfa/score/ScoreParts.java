package org.medad.detector.mvfa.score;

import java.util.ArrayList;
import java.util.List;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.SetRelativeScores.SetScorer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What one slice contributes to a scored set, packed flat: the zero-shot image score (summed over levels), the
 * zero-shot logits per level (P x 2) and, few-shot, the memory-bank distances per level (P). Maps are rebuilt from
 * them when needed (17x17 grids upsampled to 240), so a set of thousands of slices costs kilobytes each.
 */
public final class ScoreParts {
	/** Slices whose maps are rebuilt per engine call. */
	private static final int CHUNK = 16;

	private ScoreParts() {
	}

	/** The sizes of the parts: levels, patches per level, whether there is a bank, which scoring branch. */
	public record Layout(int levels, int patches, boolean few, boolean pixelBranch, int side) {
		int length() {
			return 1 + levels * patches * 2 + (few ? levels * patches : 0);
		}
	}

	/** Per-level engine outputs of a batch → one float[] per slice. */
	public static List<float[]> pack(Layout l, List<NDArray> zeroScore, List<NDArray> logits, List<NDArray> distances) {
		int b = (int) logits.get(0).getShape().get(0);
		float[] score = NDArrays.stack(new NDList(zeroScore), 0).sum(new int[] { 0 }).toFloatArray();
		float[] z = NDArrays.stack(new NDList(logits), 1).toFloatArray(); // (B, L, P, 2)
		float[] d = l.few() ? NDArrays.stack(new NDList(distances), 1).toFloatArray() : null; // (B, L, P)
		int zl = l.levels() * l.patches() * 2;
		int dl = l.levels() * l.patches();
		List<float[]> out = new ArrayList<>(b);
		for (int i = 0; i < b; i++) {
			float[] p = new float[l.length()];
			p[0] = score[i];
			System.arraycopy(z, i * zl, p, 1, zl);
			if (d != null) {
				System.arraycopy(d, i * dl, p, 1 + zl, dl);
			}
			out.add(p);
		}
		return out;
	}

	/** Receives each slice's zero-shot map and few-shot map (null without a bank). */
	interface MapVisitor {
		void visit(int index, float[] zero, float[] few);
	}

	/** The maps of each slice, sums over levels, a chunk at a time: the set's maps are never all in memory. */
	static void maps(NDManager m, Layout l, List<float[]> parts, MapVisitor visitor) {
		int zl = l.levels() * l.patches() * 2;
		int dl = l.levels() * l.patches();
		int n = l.side() * l.side();
		for (int from = 0; from < parts.size(); from += CHUNK) {
			int b = Math.min(CHUNK, parts.size() - from);
			float[] z = new float[b * zl];
			float[] d = new float[b * dl];
			for (int i = 0; i < b; i++) {
				System.arraycopy(parts.get(from + i), 1, z, i * zl, zl);
				if (l.few()) {
					System.arraycopy(parts.get(from + i), 1 + zl, d, i * dl, dl);
				}
			}
			try (NDManager s = m.newSubManager()) {
				NDArray logits = s.create(z, new Shape(b, l.levels(), l.patches(), 2));
				NDArray distances = s.create(d, new Shape(b, l.levels(), l.patches()));
				NDArray zero = null;
				NDArray few = null;
				for (int k = 0; k < l.levels(); k++) {
					NDArray zk = ZeroShot.map(logits.get(":, " + k), l.side());
					zero = zero == null ? zk : zero.add(zk);
					if (l.few()) {
						NDArray fk = MemoryBank.map(distances.get(":, " + k), l.side());
						few = few == null ? fk : few.add(fk);
					}
				}
				float[] zv = zero.toFloatArray();
				float[] fv = few == null ? null : few.toFloatArray();
				for (int i = 0; i < b; i++) {
					visitor.visit(from + i, java.util.Arrays.copyOfRange(zv, i * n, (i + 1) * n),
							fv == null ? null : java.util.Arrays.copyOfRange(fv, i * n, (i + 1) * n));
				}
			}
		}
	}

	/** Minimum and maximum of one quantity over the set. */
	record Range(float min, float max) {
		float scale(float v) {
			float r = max - min;
			return r > 0 ? (v - min) / r : 0f;
		}

		Range with(float v) {
			return new Range(Math.min(min, v), Math.max(max, v));
		}

		Range with(float[] values) {
			float lo = min;
			float hi = max;
			for (float v : values) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			return new Range(lo, hi);
		}

		static final Range EMPTY = new Range(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
	}

	/** The set's ranges of the zero-shot map, few-shot map, zero-shot score and few-shot score. */
	record Ranges(Range zeroMap, Range fewMap, Range zeroScore, Range fewScore) {
	}

	/** Min-max over the whole set, as the official {@code test_few}/{@code test_zero}. */
	public static SetScorer normaliser(NDManager m, Layout l, List<float[]> all) {
		Range[] r = { Range.EMPTY, Range.EMPTY, Range.EMPTY, Range.EMPTY };
		maps(m, l, all, (i, zero, few) -> {
			r[0] = r[0].with(zero);
			r[2] = r[2].with(all.get(i)[0]);
			if (few != null) {
				r[1] = r[1].with(few);
				r[3] = r[3].with(mean(few));
			}
		});
		return scorer(m, l, new Ranges(r[0], r[1], r[2], r[3]));
	}

	/**
	 * For a slice scored alone: each part over the values it can take (a sum over L levels of probabilities lies in
	 * [0, L], of cosine distances in [0, 2L]).
	 */
	public static SetScorer fixedRanges(NDManager m, Layout l) {
		Range probabilities = new Range(0, l.levels());
		Range distances = new Range(0, 2 * l.levels());
		return scorer(m, l, new Ranges(probabilities, distances, probabilities, distances));
	}

	private static SetScorer scorer(NDManager m, Layout l, Ranges r) {
		return parts -> {
			float[][] maps = new float[2][];
			maps(m, l, List.of(parts), (i, zero, few) -> {
				maps[0] = zero;
				maps[1] = few;
			});
			float[] map = new float[maps[0].length];
			double score;
			if (!l.few()) {
				// zero-shot protocol: text matching alone, the image score from the detection head
				for (int i = 0; i < map.length; i++) {
					map[i] = r.zeroMap().scale(maps[0][i]);
				}
				score = r.zeroScore().scale(parts[0]);
			} else {
				float top = Float.NEGATIVE_INFINITY;
				for (int i = 0; i < map.length; i++) {
					map[i] = 0.5f * r.zeroMap().scale(maps[0][i]) + 0.5f * r.fewMap().scale(maps[1][i]);
					top = Math.max(top, map[i]);
				}
				score = l.pixelBranch() ? top
						: 0.5f * r.zeroScore().scale(parts[0]) + 0.5f * r.fewScore().scale(mean(maps[1]));
			}
			return new AnomalyResult(score, map, l.side(), l.side());
		};
	}

	/** numpy's float32 mean (pairwise sums), here in double then rounded: equal within float precision. */
	static float mean(float[] v) {
		double s = 0;
		for (float x : v) {
			s += x;
		}
		return (float) (s / v.length);
	}
}

package org.medad.detector.mvfa.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The 11 variants the official code makes of every few-shot support ({@code utils.augment}, METHODS.md §2.5): the
 * original, rotations by -π/8, -π/16, π/16, π/8, translations by (±0.1, ±0.1) of the normalised [-1, 1] frame, a
 * horizontal and a vertical flip. Rotations and translations are {@code affine_grid} + {@code grid_sample} (bilinear,
 * reflection padding, align_corners=False) with the official float32 matrices; masks move with their image.
 */
public final class SupportAugment {
	public static final int VARIANTS = 11;
	private static final double[] ANGLES = { -Math.PI / 8, -Math.PI / 16, Math.PI / 16, Math.PI / 8 };
	private static final float[][] SHIFTS = { { 0.1f, 0.1f }, { -0.1f, 0.1f }, { -0.1f, -0.1f }, { 0.1f, -0.1f } };

	private final float[][] matrices;
	/** Sampling plans of the 8 affine variants for the last image size asked. */
	private GridSample[] plans = new GridSample[0];
	private int planH;
	private int planW;

	/**
	 * The 8 affine matrices: sine and cosine are the engine's float32 ones, as the official code takes them of float32
	 * angles (they differ from correctly rounded values in the last bit).
	 */
	public SupportAugment(NDManager m) {
		float[] angles = new float[ANGLES.length];
		for (int i = 0; i < angles.length; i++) {
			angles[i] = (float) ANGLES[i];
		}
		float[] cos;
		float[] sin;
		try (NDManager scope = m.newSubManager()) {
			NDArray a = scope.create(angles);
			cos = a.cos().toFloatArray();
			sin = a.sin().toFloatArray();
		}
		matrices = new float[8][];
		for (int i = 0; i < 4; i++) {
			matrices[i] = new float[] { cos[i], -sin[i], 0, sin[i], cos[i], 0 };
		}
		for (int i = 0; i < 4; i++) {
			matrices[4 + i] = new float[] { 1, 0, SHIFTS[i][0], 0, 1, SHIFTS[i][1] };
		}
	}

	/** The 8 affine matrices (2x3, row-major) in variant order: 4 rotations, then 4 translations. */
	public float[][] matrices() {
		return matrices.clone();
	}

	/**
	 * Variant {@code v} (0..10) of a (channels, h, w) image, row-major: 0 the original, 1-8 the affine ones, 9 the
	 * horizontal flip, 10 the vertical flip.
	 */
	public float[] variant(float[] image, int channels, int h, int w, int v) {
		if (v == 0) {
			return image.clone();
		}
		if (v <= 8) {
			return plan(v - 1, h, w).apply(image, channels);
		}
		float[] out = new float[image.length];
		for (int c = 0; c < channels; c++) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int from = v == 9 ? (c * h + y) * w + (w - 1 - x) : (c * h + (h - 1 - y)) * w + x;
					out[(c * h + y) * w + x] = image[from];
				}
			}
		}
		return out;
	}

	private synchronized GridSample plan(int i, int h, int w) {
		if (planH != h || planW != w || plans.length == 0) {
			plans = new GridSample[matrices.length];
			planH = h;
			planW = w;
		}
		if (plans[i] == null) {
			plans[i] = new GridSample(matrices[i], h, w);
		}
		return plans[i];
	}

	/** All 11 variants of each support, variant-major as the official {@code augment} orders them. */
	public List<float[]> all(List<float[]> supports, int channels, int h, int w) {
		List<float[]> out = new ArrayList<>(supports.size() * VARIANTS);
		for (int v = 0; v < VARIANTS; v++) {
			for (float[] s : supports) {
				out.add(variant(s, channels, h, w, v));
			}
		}
		return out;
	}
}

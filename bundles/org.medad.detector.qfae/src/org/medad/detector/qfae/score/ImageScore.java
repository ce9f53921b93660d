package org.medad.detector.qfae.score;

import ai.djl.ndarray.NDArray;

/**
 * How a stack of per-layer maps (R, B, 1, H, W) becomes image scores and a pixel map (METHODS.md §1.6 table):
 * brain, RESC and liver take the maximum over each map then the mean over layers; chest the mean over each map then
 * the maximum over layers. The pixel map is the mean over layers in every configuration.
 */
public enum ImageScore {
	MAX_THEN_MEAN, MEAN_THEN_MAX;

	/** (B,) image scores. */
	public NDArray scores(NDArray maps) {
		long r = maps.getShape().get(0);
		long b = maps.getShape().get(1);
		NDArray flat = maps.reshape(r, b, -1);
		return this == MAX_THEN_MEAN ? flat.max(new int[] { 2 }).mean(new int[] { 0 })
				: flat.mean(new int[] { 2 }).max(new int[] { 0 });
	}

	/** (B, H, W): mean over layers. */
	public static NDArray pixelMaps(NDArray maps) {
		return maps.mean(new int[] { 0 }).squeeze(1);
	}
}

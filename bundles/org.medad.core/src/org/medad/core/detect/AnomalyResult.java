package org.medad.core.detect;

import org.medad.core.image.Resample;

/**
 * The outcome for one slice: an image-level score (higher = more anomalous) and a pixel map at the
 * detector's resolution covering the whole input slice, x fastest.
 */
public record AnomalyResult(double score, float[] map, int mapWidth, int mapHeight) {

	public AnomalyResult {
		if (map.length != mapWidth * mapHeight) {
			throw new IllegalArgumentException("map of " + map.length + " values is not " + mapWidth + "x" + mapHeight);
		}
	}

	/** The map resampled onto a grid of the given size (the input slice's or its mask's). */
	public float[] mapOn(int width, int height) {
		return Resample.bilinear(map, mapWidth, mapHeight, width, height);
	}
}

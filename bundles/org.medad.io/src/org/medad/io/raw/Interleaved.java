package org.medad.io.raw;

/** Reorders interleaved colour samples (RGBRGB...) into one plane per channel, the layout of {@code Volume}. */
public final class Interleaved {
	private Interleaved() {
	}

	public static float[] planar(float[] interleaved, int channels) {
		int n = interleaved.length / channels;
		float[] out = new float[interleaved.length];
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < channels; c++) {
				out[c * n + i] = interleaved[i * channels + c];
			}
		}
		return out;
	}
}

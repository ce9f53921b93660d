package org.medad.phantom;

/** One generated slice (x fastest, values 0..255) and its lesion mask (1 inside a lesion, else 0). */
public record BrainSlice(float[] image, float[] mask, int size) {

	public boolean hasLesion() {
		for (float m : mask) {
			if (m != 0) {
				return true;
			}
		}
		return false;
	}
}

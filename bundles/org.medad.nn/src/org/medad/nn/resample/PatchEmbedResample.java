package org.medad.nn.resample;

/**
 * FlexiViT's pseudo-inverse resize of a patch-embedding kernel (METHODS.md §1.5): the new kernel w' is the
 * minimum-norm solution of ⟨resize(z), w'⟩ = ⟨z, w⟩ for all patches z. Separable form: with the 1-D AA-bicubic
 * matrix A (p×16), P = pinv(Aᵀ) and W' = P·W·Pᵀ; computed in double precision. Biases are unchanged.
 */
public final class PatchEmbedResample {
	private PatchEmbedResample() {
	}

	/** pinv(Aᵀ), (newSize × oldSize). */
	public static double[][] projector(int oldSize, int newSize) {
		double[][] a = AntialiasResize.matrix(oldSize, newSize, Filter.BICUBIC);
		if (newSize == oldSize) {
			return a;
		}
		double[][] at = Matrices.transpose(a);
		if (newSize > oldSize) {
			// Aᵀ is wide with full row rank: pinv(Aᵀ) = A (AᵀA)⁻¹
			return Matrices.multiply(a, Matrices.inverse(Matrices.multiply(at, a)));
		}
		// Aᵀ is tall with full column rank: pinv(Aᵀ) = (AAᵀ)⁻¹ A
		return Matrices.multiply(Matrices.inverse(Matrices.multiply(a, at)), a);
	}

	/** Kernel (out, in, k, k) flattened row-major → (out, in, p, p). */
	public static float[] resample(float[] kernel, int outChannels, int inChannels, int oldSize, int newSize) {
		if (kernel.length != outChannels * inChannels * oldSize * oldSize) {
			throw new IllegalArgumentException("kernel has " + kernel.length + " values, expected " + outChannels + "x"
					+ inChannels + "x" + oldSize + "x" + oldSize);
		}
		double[][] p = projector(oldSize, newSize);
		double[][] pt = Matrices.transpose(p);
		float[] out = new float[outChannels * inChannels * newSize * newSize];
		double[][] w = new double[oldSize][oldSize];
		for (int plane = 0; plane < outChannels * inChannels; plane++) {
			int base = plane * oldSize * oldSize;
			for (int y = 0; y < oldSize; y++) {
				for (int x = 0; x < oldSize; x++) {
					w[y][x] = kernel[base + y * oldSize + x];
				}
			}
			double[][] r = Matrices.multiply(Matrices.multiply(p, w), pt);
			int obase = plane * newSize * newSize;
			for (int y = 0; y < newSize; y++) {
				for (int x = 0; x < newSize; x++) {
					out[obase + y * newSize + x] = (float) r[y][x];
				}
			}
		}
		return out;
	}
}

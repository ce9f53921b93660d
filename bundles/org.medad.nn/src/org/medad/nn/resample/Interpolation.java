package org.medad.nn.resample;

import org.medad.core.image.Resample;
import org.medad.nn.Module;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Plain (not antialiased) bilinear resizing of (…, H, W) maps on the device, with PyTorch's align_corners
 * semantics: QFAE upsamples maps with align_corners=False, MVFA with True (METHODS.md pitfall 6). Half-pixel
 * resizing on the PyTorch engine runs the engine's own kernel (through the JNI); align_corners=True, which DJL 0.35.1
 * cannot ask the engine for, and other arrays take two matrix products with the resampler's separable weights.
 * Gradients flow through either.
 */
public final class Interpolation {
	/** PyTorch's C++ interpolation mode kBilinear, as DJL's JNI numbers them. */
	private static final int BILINEAR = 2;

	private Interpolation() {
	}

	public static NDArray bilinear(NDArray maps, int height, int width, boolean alignCorners) {
		Shape s = maps.getShape();
		int h = (int) s.get(s.dimension() - 2);
		int w = (int) s.get(s.dimension() - 1);
		long lead = s.size() / ((long) h * w);
		long[] outShape = s.getShape().clone();
		outShape[outShape.length - 2] = height;
		outShape[outShape.length - 1] = width;
		if (!alignCorners && maps instanceof PtNDArray) {
			// the engine's upsample_bilinear2d, one kernel each way; DJL 0.35.1's JNI takes its flag as antialias and
			// never sets align_corners, so only the half-pixel convention can go this way (measured against PyTorch)
			NDArray four = s.dimension() == 4 ? maps : maps.reshape(lead, 1, h, w);
			NDArray out = JniUtils.interpolate((PtNDArray) four, new long[] { height, width }, BILINEAR, false);
			return s.dimension() == 4 ? out : out.reshape(outShape);
		}
		NDManager m = maps.getManager();
		NDArray rowsT = Module.owned(m, transpose(matrix(h, height, alignCorners), height, h), new Shape(h, height));
		NDArray colsT = Module.owned(m, transpose(matrix(w, width, alignCorners), width, w), new Shape(w, width));
		// plain 2-D products on flattened copies: no broadcast of the weight matrices over the batch
		NDArray across = maps.reshape(lead * h, w).matMul(colsT);
		NDArray byRow = across.reshape(lead, h, width).transpose(0, 2, 1).reshape(lead * width, h).matMul(rowsT);
		return byRow.reshape(lead, width, height).transpose(0, 2, 1).reshape(outShape);
	}

	/** (out × in) linear interpolation weights, row-major, from the resampler ({@link Resample#matrix}). */
	public static float[] matrix(int in, int out, boolean alignCorners) {
		double[][] w = Resample.matrix(in, out, alignCorners ? Resample.Mode.BILINEAR_ALIGN_CORNERS : Resample.Mode.BILINEAR);
		float[] m = new float[out * in];
		for (int i = 0; i < out; i++) {
			for (int j = 0; j < in; j++) {
				m[i * in + j] = (float) w[i][j];
			}
		}
		return m;
	}

	private static float[] transpose(float[] m, int rows, int cols) {
		float[] t = new float[m.length];
		for (int i = 0; i < rows; i++) {
			for (int j = 0; j < cols; j++) {
				t[j * rows + i] = m[i * cols + j];
			}
		}
		return t;
	}
}

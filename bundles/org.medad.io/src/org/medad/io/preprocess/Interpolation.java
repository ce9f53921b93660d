package org.medad.io.preprocess;

/** Resampling kernels. */
public enum Interpolation {
	NEAREST, BILINEAR, BICUBIC
}

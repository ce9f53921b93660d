package org.medad.nn.resample;

import org.medad.core.image.Resample;

/** The antialiased kernels position tables and patch kernels are resampled with (PyTorch antialias=True = PIL). */
public enum Filter {
	BICUBIC(Resample.Mode.BICUBIC_ANTIALIAS), BILINEAR(Resample.Mode.BILINEAR_ANTIALIAS);

	private final Resample.Mode mode;

	Filter(Resample.Mode mode) {
		this.mode = mode;
	}

	public Resample.Mode mode() {
		return mode;
	}
}

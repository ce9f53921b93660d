package org.medad.io.preprocess;

import org.medad.core.image.Resample;
import org.medad.core.image.Volume;

/**
 * Resize to width x height in one of the resampler's declared modes ({@link Resample.Mode}: pixel centres aligned
 * as PIL, OpenCV and PyTorch's align_corners=False do; the antialiased modes widen the kernel when shrinking, as PIL
 * and torchvision's antialias=True do, the papers' "AA-bilinear" and "AA-bicubic").
 */
public record Resize(int width, int height, Resample.Mode mode) implements SliceOp {

	public Resize {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("resize target " + width + "x" + height);
		}
	}

	@Override
	public Volume apply(Volume slice) {
		Planes.require2d(slice);
		int w = slice.width();
		int h = slice.height();
		float[][] planes = new float[slice.channels()][];
		for (int c = 0; c < planes.length; c++) {
			planes[c] = Resample.resize(Planes.channel(slice, c), w, h, width, height, mode);
		}
		return Planes.of(slice, planes, width, height,
				Planes.scaled(slice.geometry(), (double) w / width, (double) h / height));
	}

	@Override
	public String describe() {
		return "resize " + width + "x" + height + " " + mode.label();
	}
}

package org.medad.core.detect;

import java.util.List;
import java.util.Objects;

/**
 * The slices a detector takes: the plane taken from volumes ({@code axial}, ...), the square side in pixels its
 * network works at, its channels, and the preprocessing steps the workflow runs on every slice before the detector
 * sees it (declarations in the grammar of {@code org.medad.io.preprocess.Steps}, e.g. {@code "window -160,240"},
 * {@code "resize 224 bicubic antialias"}, {@code "normalise mean-std 0.5,0.25"}). The channel conversion comes
 * first; the steps follow in order. Maps come back at whatever size the detector makes them and are resampled onto
 * the slice's own grid, so steps keep the slice's extent (no crops).
 */
public record InputSpec(String plane, int size, Channels channels, List<String> steps) {

	public InputSpec {
		Objects.requireNonNull(plane, "plane");
		Objects.requireNonNull(channels, "channels");
		steps = List.copyOf(steps);
	}

	/** Grey slices handed over as read: the detector does its own resizing. */
	public InputSpec(String plane, int size) {
		this(plane, size, Channels.GREY, List.of());
	}
}

package org.medad.core.detect;

/** The slices a detector works on: the plane taken from volumes ({@code axial}, ...) and the square side in pixels. */
public record InputSpec(String plane, int size) {
}

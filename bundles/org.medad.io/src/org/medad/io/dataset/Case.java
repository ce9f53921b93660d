package org.medad.io.dataset;

import java.nio.file.Path;

/** One image of a data set: its id (path relative to the data root), label and optional mask. */
public record Case(String id, Path image, boolean anomalous, Path mask) {

	public boolean hasMask() {
		return mask != null;
	}
}

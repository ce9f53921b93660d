package org.medad.io.dataset;

import java.nio.file.Path;
import java.util.List;

import org.medad.core.error.BadInputException;

/** A folder of images or volumes without labels: all of it is normal training data, nothing to evaluate. */
public final class PlainFolder implements LabelledData {
	private final Path root;

	PlainFolder(Path root) {
		this.root = root;
	}

	@Override
	public String layout() {
		return "plain folder";
	}

	@Override
	public List<Case> training() throws BadInputException {
		List<Case> out = BmadDataset.list(root).stream().map(p -> new Case(root.relativize(p).toString(), p, false, null))
				.toList();
		if (out.isEmpty()) {
			throw BadInputException.of(root, "holds no images");
		}
		return out;
	}

	@Override
	public boolean hasSplit(String split) {
		return false;
	}

	@Override
	public List<Case> cases(String split) throws BadInputException {
		throw BadInputException.of(root, "is a plain folder of images without labels; evaluation needs the "
				+ Datasets.LAYOUTS);
	}
}

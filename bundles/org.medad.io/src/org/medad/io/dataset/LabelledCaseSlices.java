package org.medad.io.dataset;

import java.util.List;

import org.medad.core.detect.LabelledSlices;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;

/**
 * Labelled cases of a data set as slices with their masks, read on demand: each case is one 2D image (or a volume of
 * one slice) with its colour kept; a mask must lie on its image's grid.
 */
public final class LabelledCaseSlices implements LabelledSlices {
	private final List<Case> cases;
	private final ImageFormats formats;
	private final String prefix;

	/** {@code prefix} goes before each case id ("other data set's name/"), so ids stay unique across data sets. */
	public LabelledCaseSlices(List<Case> cases, ImageFormats formats, String prefix) {
		this.cases = List.copyOf(cases);
		this.formats = formats;
		this.prefix = prefix;
	}

	@Override
	public int size() {
		return cases.size();
	}

	@Override
	public String id(int index) {
		return prefix + cases.get(index).id();
	}

	@Override
	public Volume load(int index) throws BadInputException {
		return formats.readSlice(cases.get(index).image());
	}

	@Override
	public boolean anomalous(int index) {
		return cases.get(index).anomalous();
	}

	@Override
	public Volume mask(int index) throws BadInputException {
		Case c = cases.get(index);
		if (!c.anomalous() || !c.hasMask()) {
			return null;
		}
		Volume mask = formats.readGrey(c.mask());
		var image = formats.formatOf(c.image()).parseHeader(c.image()).dims();
		if (mask.width() != image[0] || mask.height() != image[1]) {
			throw BadInputException.of(c.mask(), "mask is " + mask.width() + "x" + mask.height() + ", its image "
					+ c.image().getFileName() + " " + image[0] + "x" + image[1]);
		}
		return mask;
	}
}

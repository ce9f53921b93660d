package org.medad.io.dataset;

import java.util.List;

import org.medad.core.detect.SliceSource;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;

/** Cases of a data set as training slices, read on demand through the installed formats. */
public final class CaseSlices implements SliceSource {
	private final List<Case> cases;
	private final ImageFormats formats;

	public CaseSlices(List<Case> cases, ImageFormats formats) {
		this.cases = List.copyOf(cases);
		this.formats = formats;
	}

	@Override
	public int size() {
		return cases.size();
	}

	@Override
	public String id(int index) {
		return cases.get(index).id();
	}

	@Override
	public Volume load(int index) throws BadInputException {
		return formats.readGrey(cases.get(index).image());
	}
}

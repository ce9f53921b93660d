package org.medad.io.dataset;

import java.util.ArrayList;
import java.util.List;

import org.medad.core.detect.SliceSource;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageFormats;
import org.medad.io.format.ImageHeader;

/**
 * Cases of a data set as training slices, read on demand through the installed formats: a 2D image is one
 * slice; a volume gives its slices in the chosen plane and range (sizes from the headers, so nothing is
 * read up front). The last volume read is kept, as slices of one volume are asked for in a row.
 */
public final class CaseSlices implements SliceSource {
	private record Entry(int caseIndex, int slice) {
	}

	private final List<Case> cases;
	private final ImageFormats formats;
	private final SliceSpec spec;
	private final List<Entry> entries = new ArrayList<>();
	private int cachedCase = -1;
	private Volume cached;

	public CaseSlices(List<Case> cases, ImageFormats formats) throws BadInputException {
		this(cases, formats, SliceSpec.ALL_AXIAL);
	}

	public CaseSlices(List<Case> cases, ImageFormats formats, SliceSpec spec) throws BadInputException {
		this.cases = List.copyOf(cases);
		this.formats = formats;
		this.spec = spec;
		for (int c = 0; c < this.cases.size(); c++) {
			var file = this.cases.get(c).image();
			ImageFormat f = formats.formatOf(file);
			ImageHeader h = f.parseHeader(file);
			if (h.dims().length >= 3 && h.geometry().dimensions() == 3 && h.dims()[2] > 1) {
				int n = (int) h.dims()[spec.plane() == Slicing.Plane.AXIAL ? 2 : spec.plane() == Slicing.Plane.CORONAL ? 1 : 0];
				for (int k = spec.from(); k < spec.end(n); k++) {
					entries.add(new Entry(c, k));
				}
			} else {
				entries.add(new Entry(c, -1));
			}
		}
	}

	@Override
	public int size() {
		return entries.size();
	}

	@Override
	public String id(int index) {
		Entry e = entries.get(index);
		return cases.get(e.caseIndex()).id() + (e.slice() < 0 ? "" : "#" + spec.plane().name().toLowerCase() + e.slice());
	}

	@Override
	public Volume load(int index) throws BadInputException {
		Entry e = entries.get(index);
		if (e.slice() < 0) {
			return formats.readSlice(cases.get(e.caseIndex()).image()); // colour kept for the input pipeline
		}
		if (cachedCase != e.caseIndex()) {
			cached = formats.read(cases.get(e.caseIndex()).image()).grey();
			cachedCase = e.caseIndex();
		}
		return Slicing.slices(cached, spec.plane(), e.slice(), e.slice() + 1).get(0);
	}
}

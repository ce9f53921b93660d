package org.medad.run;

import org.medad.core.image.Images;
import org.medad.report.CaseView;

/** A scored case as the report shows it: a 2D image whole, a volume on the axial slice of its map's maximum. */
final class CaseViews {
	private CaseViews() {
	}

	/** The slice shown for {@code r}: -1 for a 2D image. */
	static int shownSlice(CaseScorer.Scored r) {
		if (!r.isVolume()) {
			return -1;
		}
		float[] map = r.map();
		int best = 0;
		for (int i = 1; i < map.length; i++) {
			if (map[i] > map[best]) {
				best = i;
			}
		}
		long plane = r.image().voxels().dimension(0) * r.image().voxels().dimension(1);
		return (int) (best / plane);
	}

	/** @param truth the mask on the image's grid, or null */
	static byte[] png(CaseScorer.Scored r, float[] truth, double low, double high) {
		int w = (int) r.image().voxels().dimension(0);
		int h = (int) r.image().voxels().dimension(1);
		float[] grey = Images.toArray(r.image().voxels());
		int k = shownSlice(r);
		if (k < 0) {
			return CaseView.png(grey, r.map(), truth, w, h, low, high);
		}
		int from = k * w * h;
		int to = from + w * h;
		return CaseView.png(java.util.Arrays.copyOfRange(grey, from, to), java.util.Arrays.copyOfRange(r.map(), from, to),
				truth == null ? null : java.util.Arrays.copyOfRange(truth, from, to), w, h, low, high);
	}

	/** What the view shows, for the caption. */
	static String note(CaseScorer.Scored r) {
		int k = shownSlice(r);
		return k < 0 ? "" : "axial slice " + k + " of " + r.image().voxels().dimension(2) + " (map maximum)";
	}
}

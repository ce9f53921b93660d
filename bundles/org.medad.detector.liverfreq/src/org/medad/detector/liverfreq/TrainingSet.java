package org.medad.detector.liverfreq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.medad.core.detect.SliceSource;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Images;
import org.medad.core.image.Resample;
import org.medad.core.image.Volume;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.preprocess.CtWindow;

/**
 * Normal slices on the network grid in [0, 1]: bilinear resize, divided by the intensity scale (median of the
 * slices' 99th percentiles, so zero background stays zero and the organ rule "non-zero" holds), clamped. Slices
 * without any organ pixel are skipped and counted.
 */
final class TrainingSet {
	final List<float[]> planes = new ArrayList<>();
	final List<String> ids = new ArrayList<>();
	final float scale;
	int skippedEmpty;

	private TrainingSet(float scale) {
		this.scale = scale;
	}

	static TrainingSet load(SliceSource source, LiverFreqConfig c, OrganMasks masks, ProgressMonitor monitor)
			throws MedadException {
		int n = source.size();
		if (n == 0) {
			throw new BadInputException("no training images: liverfreq needs normal slices");
		}
		monitor.begin("Loading normal slices", 2 * n);
		List<float[]> raw = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		List<Double> p99 = new ArrayList<>();
		int empty = 0;
		for (int i = 0; i < n; i++) {
			monitor.checkCancelled();
			Volume v = source.load(i);
			float[] px = pixels(v, c.window());
			if (masks != null) {
				float[] organ = masks.of(v);
				for (int j = 0; j < px.length; j++) {
					px[j] *= organ[j]; // the liver ROI of BMAD: everything outside the organ is 0
				}
			}
			px = Resample.bilinear(px, v.width(), v.height(), c.size(), c.size());
			float[] sorted = px.clone();
			Arrays.sort(sorted);
			if (sorted[sorted.length - 1] <= 0) {
				empty++; // no organ pixel: nothing to synthesise into, nothing normal to learn
			} else {
				raw.add(px);
				ids.add(source.id(i));
				p99.add((double) sorted[(int) (0.99 * (sorted.length - 1))]);
			}
			monitor.worked(1);
		}
		if (raw.isEmpty()) {
			throw new BadInputException("every training slice has an empty organ mask (all " + n
					+ " slices are zero inside the organ)");
		}
		TrainingSet set = new TrainingSet(c.window() != null ? 1f : median(p99));
		set.skippedEmpty = empty;
		for (int i = 0; i < raw.size(); i++) {
			set.planes.add(set.normalise(raw.get(i)));
			set.ids.add(ids.get(i));
			monitor.worked(1);
		}
		if (empty > 0) {
			monitor.status("warning: " + empty + " training slice(s) have an empty organ mask and were skipped");
		}
		return set;
	}

	/** The slice's values, through the CT window when one is set (HU → [0, 1]). */
	static float[] pixels(Volume v, CtWindow window) {
		return Images.toArray((window == null ? v : window.apply(v)).voxels());
	}

	private static float median(List<Double> values) {
		double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return s[s.length / 2] > 0 ? (float) s[s.length / 2] : 1f;
	}

	float[] normalise(float[] px) {
		float[] out = new float[px.length];
		for (int i = 0; i < px.length; i++) {
			out[i] = Math.min(1f, Math.max(0f, px[i] / scale));
		}
		return out;
	}
}

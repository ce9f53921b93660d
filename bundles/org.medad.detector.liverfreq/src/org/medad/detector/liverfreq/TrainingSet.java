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

	static TrainingSet load(SliceSource source, int size, ProgressMonitor monitor) throws MedadException {
		int n = source.size();
		if (n == 0) {
			throw new BadInputException("no training images: liverfreq needs normal slices");
		}
		monitor.begin("Loading normal slices", 2 * n);
		List<float[]> raw = new ArrayList<>();
		double[] p99 = new double[n];
		for (int i = 0; i < n; i++) {
			monitor.checkCancelled();
			Volume v = source.load(i);
			float[] px = Resample.bilinear(Images.toArray(v.voxels()), v.width(), v.height(), size, size);
			float[] sorted = px.clone();
			Arrays.sort(sorted);
			p99[i] = sorted[(int) (0.99 * (sorted.length - 1))];
			raw.add(px);
			monitor.worked(1);
		}
		double[] s = p99.clone();
		Arrays.sort(s);
		TrainingSet set = new TrainingSet(s[n / 2] > 0 ? (float) s[n / 2] : 1f);
		for (int i = 0; i < n; i++) {
			float[] plane = set.normalise(raw.get(i));
			boolean organ = false;
			for (float v : plane) {
				if (v > 0) {
					organ = true;
					break;
				}
			}
			if (organ) {
				set.planes.add(plane);
				set.ids.add(source.id(i));
			} else {
				set.skippedEmpty++;
			}
			monitor.worked(1);
		}
		if (set.skippedEmpty > 0) {
			monitor.status("warning: " + set.skippedEmpty + " training slice(s) have an empty organ mask and were skipped");
		}
		if (set.planes.isEmpty()) {
			throw new BadInputException("every training slice has an empty organ mask (all pixels zero)");
		}
		return set;
	}

	float[] normalise(float[] px) {
		float[] out = new float[px.length];
		for (int i = 0; i < px.length; i++) {
			out[i] = Math.min(1f, Math.max(0f, px[i] / scale));
		}
		return out;
	}
}

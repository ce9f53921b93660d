package org.medad.ui.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a run's training curves as they arrive from the training Job ({@code ProgressMonitor.curve}), read
 * by the chart on the UI thread. A long run has hundreds of thousands of steps; {@link #snapshot} hands the chart at
 * most {@code limit} points per curve (the mean of equal runs of steps, the last point kept), so that redrawing stays
 * cheap however long the run.
 */
public final class TrainingCurves {
	/** One curve's points as the chart takes them. */
	public record Series(String name, double[] steps, double[] values) {
		public int size() {
			return steps.length;
		}
	}

	private static final class Points {
		double[] x = new double[256];
		double[] y = new double[256];
		int n;

		void add(double step, double value) {
			if (n == x.length) {
				x = Arrays.copyOf(x, 2 * n);
				y = Arrays.copyOf(y, 2 * n);
			}
			x[n] = step;
			y[n++] = value;
		}
	}

	private final Map<String, Points> curves = new LinkedHashMap<>();
	private long version;

	public synchronized void add(String name, long step, double value) {
		if (!Double.isFinite(value)) {
			return; // a diverged step ends the run with its own message; the chart cannot draw it
		}
		curves.computeIfAbsent(name, k -> new Points()).add(step, value);
		version++;
	}

	public synchronized void clear() {
		curves.clear();
		version++;
	}

	/** Changes whenever a point arrives: the chart redraws only when it moved. */
	public synchronized long version() {
		return version;
	}

	/** Points received of {@code name}, before any thinning. */
	public synchronized int count(String name) {
		Points p = curves.get(name);
		return p == null ? 0 : p.n;
	}

	public synchronized List<String> names() {
		return List.copyOf(curves.keySet());
	}

	/** Every curve in arrival order, each thinned to at most {@code limit} points. */
	public synchronized List<Series> snapshot(int limit) {
		List<Series> out = new ArrayList<>();
		for (var e : curves.entrySet()) {
			out.add(thin(e.getKey(), e.getValue(), Math.max(2, limit)));
		}
		return out;
	}

	private static Series thin(String name, Points p, int limit) {
		if (p.n <= limit) {
			return new Series(name, Arrays.copyOf(p.x, p.n), Arrays.copyOf(p.y, p.n));
		}
		int buckets = limit - 1; // the last point is kept as it is: the run's latest value
		double[] x = new double[limit];
		double[] y = new double[limit];
		int body = p.n - 1;
		for (int b = 0; b < buckets; b++) {
			int from = (int) ((long) body * b / buckets);
			int to = (int) ((long) body * (b + 1) / buckets);
			double sx = 0;
			double sy = 0;
			for (int i = from; i < to; i++) {
				sx += p.x[i];
				sy += p.y[i];
			}
			x[b] = sx / (to - from);
			y[b] = sy / (to - from);
		}
		x[buckets] = p.x[p.n - 1];
		y[buckets] = p.y[p.n - 1];
		return new Series(name, x, y);
	}
}

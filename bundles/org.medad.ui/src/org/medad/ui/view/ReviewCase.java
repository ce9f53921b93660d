package org.medad.ui.view;

import java.util.ArrayList;
import java.util.List;

import org.medad.core.image.Geometry;
import org.medad.core.image.Volume;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The case on the Review screen: the scan as a 3D grid (a 2D picture gets a depth of one; colour is shown as its
 * grey), its anomaly map and ground-truth mask on the same grid when there are, the window, the overlay and the
 * linked crosshair every view follows. Listeners hear every change; all calls come from the UI thread.
 */
public final class ReviewCase {
	/** Told of every change of window, overlay, crosshair or layers. */
	public interface Listener {
		void changed(ReviewCase c);
	}

	private final Volume scan;
	private final RandomAccessibleInterval<FloatType> voxels;
	private final Geometry geometry;
	private final long[] dims;
	private RandomAccessibleInterval<FloatType> map;
	private long[] mapMaximum;
	private RandomAccessibleInterval<FloatType> mask;
	private WindowLevel window;
	private final WindowLevel initialWindow;
	private Overlay overlay;
	private boolean overlayShown = true;
	private final long[] crosshair;
	private final List<Listener> listeners = new ArrayList<>();

	public ReviewCase(Volume scan) {
		Volume grey = scan.grey();
		this.scan = scan;
		this.voxels = spatial(grey.voxels(), grey.geometry().dimensions());
		this.geometry = grey.geometry().dimensions() == 3 ? grey.geometry() : extend(grey.geometry());
		this.dims = voxels.dimensionsAsLongArray();
		this.crosshair = new long[] { dims[0] / 2, dims[1] / 2, dims[2] / 2 };
		this.window = WindowPresets.initial(scan.metadata(), sample(voxels));
		this.initialWindow = window;
	}

	/** The window the case opened with (the file's DICOM window, or its percentiles), to go back to. */
	public WindowLevel initialWindow() {
		return initialWindow;
	}

	public Volume scan() {
		return scan;
	}

	public long[] dims() {
		return dims.clone();
	}

	public boolean isVolume() {
		return dims[2] > 1;
	}

	public SliceGeometry geometry(ViewPlane plane) {
		return new SliceGeometry(plane, geometry, dims);
	}

	public RandomAccessibleInterval<FloatType> voxels() {
		return voxels;
	}

	/**
	 * An anomaly map read for display: its 3D voxels and where its maximum lies. Made off the UI thread (a pass over
	 * every voxel), shown with {@link #showMap(MapLayer, Double)}.
	 */
	public record MapLayer(String source, RandomAccessibleInterval<FloatType> voxels, float max, long[] argmax) {
		public static MapLayer of(Volume m) {
			Volume g = m.grey();
			RandomAccessibleInterval<FloatType> v = spatial(g.voxels(), g.geometry().dimensions());
			long[] d = v.dimensionsAsLongArray();
			float max = Float.NEGATIVE_INFINITY;
			long at = 0;
			long k = 0;
			for (FloatType f : Views.flatIterable(v)) {
				if (f.get() > max) {
					max = f.get();
					at = k;
				}
				k++;
			}
			return new MapLayer(m.source(), v, max, new long[] { at % d[0], at / d[0] % d[1], at / (d[0] * d[1]) });
		}
	}

	/** {@link #showMap(MapLayer, Double)} of a map read now (tests; the part prepares the layer in its Job). */
	public void showMap(Volume m, Double threshold) {
		showMap(MapLayer.of(m), threshold);
	}

	/** The anomaly map on the scan's grid, its overlay from 0 to its maximum, thresholded at {@code threshold}. */
	public void showMap(MapLayer layer, Double threshold) {
		checkGrid(layer.voxels(), layer.source(), "anomaly map");
		float max = layer.max();
		map = layer.voxels();
		mapMaximum = layer.argmax().clone();
		overlay = new Overlay(ColourMap.HOT, 0, max > 0 ? max : 1, threshold != null ? threshold : 0, 0.6);
		fire();
	}

	/** The voxel of the map's maximum (the most anomalous place), or null without a map. */
	public long[] mapMaximum() {
		return mapMaximum == null ? null : mapMaximum.clone();
	}

	/** Moves the crosshair to the map's maximum, so every view shows the most anomalous place. */
	public void jumpToMaximum() {
		if (mapMaximum != null) {
			moveTo(mapMaximum);
		}
	}

	public void showMask(Volume m) {
		mask = onGrid(m, "mask");
		fire();
	}

	public RandomAccessibleInterval<FloatType> map() {
		return overlayShown ? map : null;
	}

	public RandomAccessibleInterval<FloatType> mask() {
		return mask;
	}

	public Overlay overlay() {
		return overlay;
	}

	public void setOverlay(Overlay o) {
		overlay = o;
		fire();
	}

	public boolean overlayShown() {
		return overlayShown;
	}

	public void showOverlay(boolean shown) {
		overlayShown = shown;
		fire();
	}

	public WindowLevel window() {
		return window;
	}

	public void setWindow(WindowLevel w) {
		window = w;
		fire();
	}

	public long[] crosshair() {
		return crosshair.clone();
	}

	/** Moves the crosshair (clamped into the grid): every view shows the slice through it. */
	public void moveTo(long[] voxel) {
		for (int d = 0; d < 3; d++) {
			crosshair[d] = Math.max(0, Math.min(dims[d] - 1, voxel[d]));
		}
		fire();
	}

	/** Scrolls a view by {@code step} slices: the crosshair moves across that view's slices. */
	public void scroll(ViewPlane plane, long step) {
		SliceGeometry g = geometry(plane);
		long[] s = g.screen(crosshair);
		long slice = Math.max(0, Math.min(g.slices() - 1, s[2] + step));
		moveTo(g.voxel(s[0], s[1], slice));
	}

	/** The value of the scan (real units) and of the map (NaN without one) at a voxel. */
	public double[] probe(long[] voxel) {
		return new double[] { value(voxels, voxel), map == null ? Double.NaN : value(map, voxel) };
	}

	public void addListener(Listener l) {
		listeners.add(l);
	}

	public void removeListener(Listener l) {
		listeners.remove(l);
	}

	private void fire() {
		for (Listener l : List.copyOf(listeners)) {
			l.changed(this);
		}
	}

	private RandomAccessibleInterval<FloatType> onGrid(Volume layer, String what) {
		Volume g = layer.grey();
		return checkGrid(spatial(g.voxels(), g.geometry().dimensions()), layer.source(), what);
	}

	private RandomAccessibleInterval<FloatType> checkGrid(RandomAccessibleInterval<FloatType> v, String source,
			String what) {
		long[] d = v.dimensionsAsLongArray();
		if (!java.util.Arrays.equals(d, dims)) {
			throw new IllegalArgumentException(source + ": the " + what + " is " + d[0] + " x " + d[1] + " x " + d[2]
					+ ", the scan " + dims[0] + " x " + dims[1] + " x " + dims[2] + ": a layer must lie on the scan's grid");
		}
		return v;
	}

	/** The first time point of a 4D scan, and a depth of one for a 2D picture. */
	static RandomAccessibleInterval<FloatType> spatial(RandomAccessibleInterval<FloatType> v, int spatialDims) {
		RandomAccessibleInterval<FloatType> s = Views.zeroMin(v);
		while (s.numDimensions() > spatialDims) {
			s = Views.hyperSlice(s, s.numDimensions() - 1, 0);
		}
		return s.numDimensions() == 2 ? Views.addDimension(s, 0, 0) : s;
	}

	private static Geometry extend(Geometry g2) {
		double[] d = g2.direction();
		return new Geometry(new double[] { g2.spacing()[0], g2.spacing()[1], 1 }, new double[] { g2.origin()[0],
				g2.origin()[1], 0 }, new double[] { d[0], d[1], 0, d[2], d[3], 0, 0, 0, 1 }, g2.spacingKnown());
	}

	/** At most about 64k voxels, evenly strided, for the initial window's percentiles. */
	private static float[] sample(RandomAccessibleInterval<FloatType> v) {
		long n = 1;
		for (long d : v.dimensionsAsLongArray()) {
			n *= d;
		}
		long stride = Math.max(1, n / 65536);
		float[] out = new float[(int) ((n + stride - 1) / stride)];
		int i = 0;
		long k = 0;
		for (FloatType f : Views.flatIterable(v)) {
			if (k++ % stride == 0 && i < out.length) {
				out[i++] = f.get();
			}
		}
		return out;
	}

	private static double value(RandomAccessibleInterval<FloatType> v, long[] voxel) {
		RandomAccess<FloatType> a = v.randomAccess();
		a.setPosition(voxel);
		return a.get().get();
	}
}

package org.medad.ui.review;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.medad.ui.view.Overlay;
import org.medad.ui.view.ReviewCase;
import org.medad.ui.view.SliceGeometry;
import org.medad.ui.view.SliceRenderer;
import org.medad.ui.view.ViewPlane;
import org.medad.ui.view.WindowLevel;

/**
 * One plane of the open case: the slice through the crosshair drawn at its physical aspect, the crosshair, the
 * orientation letters and the slice number. Wheel and arrow / page keys scroll slices, a left click moves the
 * crosshair (every view follows), right-drag changes window/level, Ctrl+wheel zooms, middle-drag pans.
 */
public final class SliceCanvas extends Canvas {
	private static final PaletteData RGB = new PaletteData(0xFF0000, 0x00FF00, 0x0000FF);

	private final ViewPlane plane;
	private ReviewCase review;
	private SliceGeometry geometry;
	private int[] pixels;
	private double zoom = 1;
	private double panX;
	private double panY;
	private int[] dragFrom;
	private int dragButton;
	private WindowLevel dragWindow;
	private long frames;
	private long paintNanos;
	private long renderNanos;
	private long imageNanos;
	/** Where the slice was last drawn: x, y, width, height in canvas pixels. */
	private double[] drawn;

	/**
	 * What a composed picture shows: the case, its slice, window, layers (by identity) and overlay, where and how
	 * large in the canvas. The picture is reused while this stays equal.
	 */
	private record Frame(ReviewCase review, long slice, WindowLevel window, Object map, Overlay overlay, Object mask,
			double x0, double y0, double dw, double dh, int vw, int vh) {
		@Override
		public boolean equals(Object o) {
			return o instanceof Frame f && f.review == review && f.slice == slice && f.window.equals(window)
					&& f.map == map && f.overlay == overlay && f.mask == mask && f.x0 == x0 && f.y0 == y0 && f.dw == dw
					&& f.dh == dh && f.vw == vw && f.vh == vh;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(slice) * 31 + vw;
		}
	}

	private Image frame;
	private Frame frameShown;
	private Image legendBar;
	private Object legendColours;
	private long composed;

	public SliceCanvas(Composite parent, ViewPlane plane) {
		super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
		this.plane = plane;
		addListener(SWT.Dispose, e -> {
			if (frame != null) {
				frame.dispose();
			}
			if (legendBar != null) {
				legendBar.dispose();
			}
		});
		setData("org.medad.ui.id", "view-" + plane.name().toLowerCase());
		addListener(SWT.Paint, e -> paint(e.gc));
		addListener(SWT.MouseVerticalWheel, this::wheel);
		addListener(SWT.MouseDown, this::down);
		addListener(SWT.MouseMove, this::move);
		addListener(SWT.MouseUp, e -> dragFrom = null);
		addListener(SWT.KeyDown, this::key);
	}

	public ViewPlane plane() {
		return plane;
	}

	/** The case to show (null: none); the canvas follows its changes. */
	public void show(ReviewCase c) {
		review = c;
		geometry = c == null ? null : c.geometry(plane);
		zoom = 1;
		panX = 0;
		panY = 0;
		redraw();
	}

	/** The slice shown now (0-based), or -1 without a case. */
	public long slice() {
		return review == null ? -1 : geometry.screen(review.crosshair())[2];
	}

	/** Pictures composed since the canvas was made (a frame that only moves the crosshair reuses the last). */
	public long composed() {
		return composed;
	}

	/** Frames painted since the canvas was made (the responsiveness benchmark counts them). */
	public long frames() {
		return frames;
	}

	public String[] edgeLetters() {
		return geometry == null ? new String[0] : geometry.edgeLetters();
	}

	private void paint(GC gc) {
		long start = System.nanoTime();
		try {
			paintSlice(gc);
		} finally {
			paintNanos += System.nanoTime() - start;
		}
	}

	/**
	 * Seconds spent painting, composing pictures within that, and of those making the SWT image from the pixels
	 * (the responsiveness benchmark reports them).
	 */
	public double[] paintSeconds() {
		return new double[] { paintNanos / 1e9, renderNanos / 1e9, imageNanos / 1e9 };
	}

	private void paintSlice(GC gc) {
		Rectangle area = getClientArea();
		gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
		gc.fillRectangle(area);
		if (review == null) {
			return;
		}
		long[] s = geometry.screen(review.crosshair());
		int w = (int) geometry.width();
		int h = (int) geometry.height();
		double aspect = geometry.spacingY() / geometry.spacingX();
		double fit = Math.min(area.width / (double) w, area.height / (w == 0 ? 1 : h * aspect));
		double dw = w * fit * zoom;
		double dh = h * aspect * fit * zoom;
		double x0 = (area.width - dw) / 2 + panX;
		double y0 = (area.height - dh) / 2 + panY;
		drawn = new double[] { area.x + x0, area.y + y0, dw, dh };
		int vw = Math.max(1, area.width);
		int vh = Math.max(1, area.height);
		Frame key = new Frame(review, s[2], review.window(), review.map(), review.overlay(), review.mask(), x0, y0, dw,
				dh, vw, vh);
		if (!key.equals(frameShown) || frame == null || frame.isDisposed()) {
			// composed again only when what it shows changed: while another view scrolls, this one only moves its
			// crosshair over the same picture
			long t0 = System.nanoTime();
			var scan = geometry.view(review.voxels(), s[2]);
			var map = review.map() == null ? null : geometry.view(review.map(), s[2]);
			var mask = review.mask() == null ? null : geometry.view(review.mask(), s[2]);
			// composed at the view's own resolution: the cost is the view's pixels, not the slice's
			pixels = SliceRenderer.renderView(scan, review.window(), map, review.overlay(), mask, x0, y0, dw, dh, vw,
					vh, pixels);
			long t1 = System.nanoTime();
			ImageData data = new ImageData(vw, vh, 24, RGB);
			for (int y = 0; y < vh; y++) {
				data.setPixels(0, y, vw, pixels, y * vw);
			}
			if (frame != null) {
				frame.dispose();
			}
			frame = new Image(getDisplay(), data);
			frameShown = key;
			composed++;
			long t2 = System.nanoTime();
			renderNanos += t2 - t0;
			imageNanos += t2 - t1;
		}
		gc.drawImage(frame, area.x, area.y);
		gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_YELLOW));
		int cx = (int) (x0 + (s[0] + 0.5) * dw / w);
		int cy = (int) (y0 + (s[1] + 0.5) * dh / h);
		gc.setLineStyle(SWT.LINE_DOT);
		gc.drawLine(area.x, cy, area.x + area.width, cy);
		gc.drawLine(cx, area.y, cx, area.y + area.height);
		gc.setLineStyle(SWT.LINE_SOLID);
		gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
		String[] letters = geometry.edgeLetters();
		gc.drawString(letters[0], area.x + 4, area.y + area.height / 2 - 7, true);
		gc.drawString(letters[1], area.x + area.width - 4 - gc.stringExtent(letters[1]).x, area.y + area.height / 2 - 7,
				true);
		gc.drawString(letters[2], area.x + area.width / 2 - 4, area.y + 4, true);
		gc.drawString(letters[3], area.x + area.width / 2 - 4, area.y + area.height - 20, true);
		gc.drawString(plane.label() + "  " + (s[2] + 1) + " / " + geometry.slices(), area.x + 4, area.y + 4, true);
		if (review.map() != null) {
			legend(gc, area, review.overlay());
		}
		frames++;
	}

	/** The colour bar of the overlay at the right edge: its range, and a tick at the threshold. */
	private void legend(GC gc, Rectangle area, Overlay o) {
		int h = Math.min(120, area.height / 3);
		int x = area.x + area.width - 18;
		int y = area.y + area.height - h - 40; // bottom right, clear of the edge letters
		if (legendBar == null || legendBar.isDisposed() || legendColours != o.colours() || legendBar.getBounds().height
				!= h) { // the bar is drawn once per colour map and height, then copied
			if (legendBar != null) {
				legendBar.dispose();
			}
			int[] lut = o.colours().lut();
			ImageData bar = new ImageData(10, Math.max(1, h), 24, RGB);
			for (int i = 0; i < h; i++) {
				int c = lut[(int) Math.round(255.0 * (h - 1 - i) / Math.max(1, h - 1))];
				for (int j = 0; j < 10; j++) {
					bar.setPixel(j, i, c);
				}
			}
			legendBar = new Image(getDisplay(), bar);
			legendColours = o.colours();
		}
		gc.drawImage(legendBar, x, y);
		gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
		gc.drawRectangle(x, y, 10, h);
		int ty = y + (int) Math.round((1 - (o.threshold() - o.low()) / (o.high() - o.low())) * (h - 1));
		if (ty >= y && ty <= y + h) {
			gc.drawLine(x - 4, ty, x + 14, ty);
		}
		String top = String.format(java.util.Locale.ROOT, "%.3g", o.high());
		String bottom = String.format(java.util.Locale.ROOT, "%.3g", o.low());
		gc.drawString(top, x + 10 - gc.stringExtent(top).x, y - 16, true);
		gc.drawString(bottom, x + 10 - gc.stringExtent(bottom).x, y + h + 2, true);
	}

	/** The voxel under canvas point (x, y), or null outside the slice. */
	public long[] voxelAt(int x, int y) {
		if (review == null || drawn == null) {
			return null;
		}
		long u = (long) Math.floor((x - drawn[0]) / drawn[2] * geometry.width());
		long v = (long) Math.floor((y - drawn[1]) / drawn[3] * geometry.height());
		if (u < 0 || v < 0 || u >= geometry.width() || v >= geometry.height()) {
			return null;
		}
		return geometry.voxel(u, v, geometry.screen(review.crosshair())[2]);
	}

	private void wheel(Event e) {
		if (review == null) {
			return;
		}
		if ((e.stateMask & SWT.CTRL) != 0) {
			zoom = Math.max(0.25, Math.min(16, zoom * (e.count > 0 ? 1.25 : 0.8)));
			redraw();
		} else {
			review.scroll(plane, e.count > 0 ? 1 : -1);
		}
	}

	private void key(Event e) {
		if (review == null) {
			return;
		}
		switch (e.keyCode) {
		case SWT.ARROW_UP, SWT.ARROW_RIGHT -> review.scroll(plane, 1);
		case SWT.ARROW_DOWN, SWT.ARROW_LEFT -> review.scroll(plane, -1);
		case SWT.PAGE_UP -> review.scroll(plane, Math.max(1, geometry.slices() / 10));
		case SWT.PAGE_DOWN -> review.scroll(plane, -Math.max(1, geometry.slices() / 10));
		case SWT.HOME -> review.scroll(plane, -geometry.slices());
		case SWT.END -> review.scroll(plane, geometry.slices());
		default -> {
		}
		}
	}

	private void down(Event e) {
		setFocus();
		dragFrom = new int[] { e.x, e.y };
		dragButton = e.button;
		dragWindow = review == null ? null : review.window();
		if (e.button == 1) {
			click(e.x, e.y);
		}
	}

	private void move(Event e) {
		if (review == null) {
			return;
		}
		if (dragFrom == null) {
			probe(e.x, e.y);
			return;
		}
		int dx = e.x - dragFrom[0];
		int dy = e.y - dragFrom[1];
		switch (dragButton) {
		case 1 -> click(e.x, e.y);
		case 2 -> {
			panX += dx;
			panY += dy;
			dragFrom = new int[] { e.x, e.y };
			redraw();
		}
		case 3 -> review.setWindow(dragWindow.dragged(dx, dy, Math.max(dragWindow.width(), 1) / 256));
		default -> {
		}
		}
	}

	private void click(int x, int y) {
		long[] v = voxelAt(x, y);
		if (v != null) {
			review.moveTo(v);
		}
	}

	private void probe(int x, int y) {
		long[] v = voxelAt(x, y);
		Event probe = new Event();
		probe.data = v;
		notifyListeners(SWT.Selection, probe); // the part shows it in the status line
	}
}

package org.medad.io.preprocess;

import org.medad.core.image.GridMap;
import org.medad.core.image.Volume;

/**
 * QFAE's liver preprocessing (METHODS.md 1.8): grey 0..255 slice, bounding box of the non-zero pixels,
 * cropped; pasted unscaled and centred on a black canvas when it fits, else scaled down (OpenCV's 8-bit
 * INTER_LINEAR: bilinear, half-pixel centres, no antialias, fixed point) to fit and centred; then a bilateral filter (d 9, sigma colour 75, sigma
 * space 75) over the canvas; uint8 values. The output's geometry places the canvas where the organ was (a slice with
 * nothing above zero keeps its own geometry, rescaled to the canvas), so that maps go back onto the slice as read and
 * masks onto the canvas ({@link GridMap}).
 */
public record LiverRoi(int canvas) implements SliceOp {

	public LiverRoi {
		if (canvas < 1 || canvas > 16384) {
			throw new IllegalArgumentException("liver-roi canvas " + canvas + " out of 1..16384");
		}
	}

	public static LiverRoi qfae() {
		return new LiverRoi(224);
	}

	@Override
	public Volume apply(Volume slice) {
		Planes.require2d(slice);
		Volume grey = slice.grey();
		int w = grey.width(), h = grey.height();
		float[] g = Planes.channel(grey, 0);
		int x0 = w, y0 = h, x1 = -1, y1 = -1;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				if (g[y * w + x] > 0) {
					x0 = Math.min(x0, x);
					x1 = Math.max(x1, x);
					y0 = Math.min(y0, y);
					y1 = Math.max(y1, y);
				}
			}
		}
		float[] out = new float[canvas * canvas];
		// canvas pixel c lies at slice index offset + scale * c; an empty slice maps the canvas onto the whole slice
		GridMap map = new GridMap(0.5 * w / canvas - 0.5, 0.5 * h / canvas - 0.5, (double) w / canvas,
				(double) h / canvas);
		if (x1 >= 0) {
			int cw = x1 - x0 + 1, ch = y1 - y0 + 1;
			float[] crop = new float[cw * ch];
			for (int y = 0; y < ch; y++) {
				System.arraycopy(g, (y0 + y) * w + x0, crop, y * cw, cw);
			}
			int nw = cw, nh = ch;
			if (ch > canvas || cw > canvas) {
				double scale = Math.min((double) canvas / ch, (double) canvas / cw);
				nh = (int) (ch * scale);
				nw = (int) (cw * scale);
				crop = OpenCvLinear.resize(crop, cw, ch, nw, nh);
			}
			int oy = (canvas - nh) / 2, ox = (canvas - nw) / 2;
			double fx = (double) cw / nw, fy = (double) ch / nh;
			map = new GridMap(x0 + (0.5 - ox) * fx - 0.5, y0 + (0.5 - oy) * fy - 0.5, fx, fy);
			for (int y = 0; y < nh; y++) {
				for (int x = 0; x < nw; x++) {
					out[(oy + y) * canvas + ox + x] = (float) Math.max(0, Math.min(255, Math.rint(crop[y * nw + x])));
				}
			}
		}
		float[] filtered = Bilateral.filter(out, canvas, canvas, 9, 75, 75);
		return Planes.of(slice, new float[][] { filtered }, canvas, canvas, map.of(slice.geometry()));
	}

	@Override
	public boolean crops() {
		return true;
	}

	@Override
	public String describe() {
		return "liver ROI: crop non-zero box, centre on " + canvas + "x" + canvas + " canvas, bilateral d9 s75/75";
	}
}

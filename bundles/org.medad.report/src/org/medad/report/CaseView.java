package org.medad.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.medad.io.write.HeatMap;

/**
 * A case as the report shows it: three panels of one slice side by side (the image, the heat map over
 * it, the ground-truth contour over it), each scaled to at most {@link #PANEL} pixels, as PNG.
 */
public final class CaseView {
	static final int PANEL = 160;
	private static final Color CONTOUR = new Color(0x00e676);

	private CaseView() {
	}

	/**
	 * @param mask     the ground truth on the slice's grid (non-zero = lesion), or null
	 * @param low,high the heat map's colour range (shared by every case of a report so colours compare)
	 */
	public static byte[] png(float[] grey, float[] map, float[] mask, int w, int h, double low, double high) {
		BufferedImage image = HeatMap.overlay(grey, new float[grey.length], w, h, 0, 1);
		BufferedImage heat = HeatMap.overlay(grey, map, w, h, low, high);
		BufferedImage contour = HeatMap.overlay(grey, new float[grey.length], w, h, 0, 1);
		if (mask != null) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					if (edge(mask, w, h, x, y)) {
						contour.setRGB(x, y, CONTOUR.getRGB());
					}
				}
			}
		}
		double scale = Math.min(1.0 * PANEL / w, 1.0 * PANEL / h);
		int pw = Math.max(1, (int) Math.round(w * scale));
		int ph = Math.max(1, (int) Math.round(h * scale));
		BufferedImage out = new BufferedImage(3 * pw + 8, ph, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, out.getWidth(), ph);
		// nearest neighbour when enlarging keeps voxels visible as voxels, as viewers show them
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, scale >= 1 ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
				: RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		BufferedImage[] panels = { image, heat, contour };
		for (int i = 0; i < 3; i++) {
			g.drawImage(panels[i], i * (pw + 4), 0, pw, ph, null);
		}
		g.dispose();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			ImageIO.write(out, "png", bytes);
		} catch (IOException e) {
			throw new UncheckedIOException("encoding a case view as PNG", e);
		}
		return bytes.toByteArray();
	}

	/** A lesion pixel with a non-lesion 4-neighbour (or the image border). */
	private static boolean edge(float[] mask, int w, int h, int x, int y) {
		if (mask[y * w + x] == 0) {
			return false;
		}
		return x == 0 || y == 0 || x == w - 1 || y == h - 1 || mask[y * w + x - 1] == 0 || mask[y * w + x + 1] == 0
				|| mask[(y - 1) * w + x] == 0 || mask[(y + 1) * w + x] == 0;
	}
}

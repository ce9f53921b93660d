package org.medad.io.raster;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageHeader;

/**
 * 2D pictures through the JDK's ImageIO readers (JPEG, BMP, TIFF): grey or RGB samples as stored,
 * several pages (multi-page TIFF) stacked along z. No physical geometry.
 */
final class RasterPictures {
	private RasterPictures() {
	}

	record Pages(List<Raster> rasters) {
		Raster first() {
			return rasters.get(0);
		}
	}

	static Pages pages(Path file, String formatName) throws BadInputException {
		List<Raster> pages = Pictures.read(file, formatName);
		Raster r0 = pages.get(0);
		for (Raster r : pages) {
			if (r.getWidth() != r0.getWidth() || r.getHeight() != r0.getHeight() || r.getNumBands() != r0.getNumBands()) {
				throw BadInputException.of(file, "pages differ in size or samples; cannot stack them");
			}
		}
		return new Pages(pages);
	}

	static String datatype(Raster r) {
		return switch (r.getDataBuffer().getDataType()) {
		case DataBuffer.TYPE_BYTE -> "uint8";
		case DataBuffer.TYPE_USHORT -> "uint16";
		case DataBuffer.TYPE_SHORT -> "int16";
		case DataBuffer.TYPE_INT -> "int32";
		case DataBuffer.TYPE_FLOAT -> "float32";
		case DataBuffer.TYPE_DOUBLE -> "float64";
		default -> "unknown";
		};
	}

	/** Colour pictures keep R, G, B (alpha dropped); grey keeps one band. */
	static int channels(Raster r) {
		return r.getNumBands() >= 3 ? 3 : 1;
	}

	static ImageHeader header(String format, Pages p) {
		Raster r = p.first();
		int pages = p.rasters().size();
		if (pages == 1) {
			return ImageHeader.picture(format, r.getWidth(), r.getHeight(), channels(r), datatype(r));
		}
		return new ImageHeader(format, new long[] { r.getWidth(), r.getHeight(), pages }, channels(r), datatype(r), null,
				null, Geometry.pixels(3), Map.of("pages", pages));
	}

	static Volume volume(Path file, Pages p) {
		Raster r0 = p.first();
		int w = r0.getWidth(), h = r0.getHeight(), pages = p.rasters().size(), ch = channels(r0);
		int n = w * h;
		float[] out = new float[n * pages * ch];
		float[] plane = new float[n];
		for (int k = 0; k < pages; k++) {
			for (int c = 0; c < ch; c++) {
				p.rasters().get(k).getSamples(0, 0, w, h, c, plane);
				System.arraycopy(plane, 0, out, c * n * pages + k * n, n);
			}
		}
		List<Long> dims = new ArrayList<>(List.of((long) w, (long) h));
		if (pages > 1) {
			dims.add((long) pages);
		}
		if (ch > 1) {
			dims.add((long) ch);
		}
		long[] d = dims.stream().mapToLong(Long::longValue).toArray();
		return new Volume(file.toString(), Images.wrap(out, d), Geometry.pixels(pages > 1 ? 3 : 2), ch, "OT", Map.of());
	}
}

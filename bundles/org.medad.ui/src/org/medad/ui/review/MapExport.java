package org.medad.ui.review;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;
import org.medad.io.write.HeatMap;
import org.medad.io.write.PngFiles;
import org.medad.ui.view.ReviewCase;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Saves the anomaly map shown over a case: its values on the scan's own geometry (origin, spacing, direction) in
 * the format of the name's suffix (NIfTI, NRRD, MetaImage; TIFF for a 2D image), or for a 2D image a PNG of the
 * heat map over the scan as the overlay's range colours it.
 */
final class MapExport {
	private MapExport() {
	}

	static void write(ReviewCase c, Path file, ImageFormats formats) throws IOException, BadInputException {
		if (c == null || c.map() == null) {
			throw BadInputException.of(file, "cannot be written: no anomaly map is shown (open one, or score the case)");
		}
		Volume scan = c.scan().grey();
		boolean flat = scan.geometry().dimensions() == 2;
		RandomAccessibleInterval<FloatType> map = flat ? Views.hyperSlice(c.map(), 2, 0) : c.map();
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".png")) {
			if (!flat) {
				throw BadInputException.of(file, "cannot hold a volume's map: a PNG is one 2D picture; save it as "
						+ ".nii.gz, .nrrd or .mha on the scan's geometry");
			}
			var o = c.overlay();
			PngFiles.writeImage(HeatMap.overlay(Images.toArray(Views.hyperSlice(c.voxels(), 2, 0)), Images.toArray(map),
					scan.width(), scan.height(), o.low(), o.high()), file);
			return;
		}
		formats.write(new Volume(scan.source() + " anomaly map", map, scan.geometry(), "OT", Map.of()), file);
	}
}

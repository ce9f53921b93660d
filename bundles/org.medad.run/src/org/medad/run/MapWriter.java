package org.medad.run;

import java.io.IOException;
import java.nio.file.Path;

import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.write.FloatTiff;
import org.medad.io.write.HeatMap;
import org.medad.io.write.PngFiles;

/** Writes a 2D anomaly map on its slice's grid: a heat-map PNG over the slice and the raw float TIFF. */
public record MapWriter(double low, double high) {

	/** Writes {@code base.png} and {@code base.tiff}. */
	public void write(Volume slice, float[] map, Path base) throws IOException {
		float[] grey = Images.toArray(slice.voxels());
		String name = base.getFileName().toString();
		PngFiles.writeImage(HeatMap.overlay(grey, map, slice.width(), slice.height(), low, high),
				base.resolveSibling(name + ".png"));
		FloatTiff.write(map, slice.width(), slice.height(), base.resolveSibling(name + ".tiff"));
	}

	/** The path of a case's map, mirroring its relative path without its image suffix. */
	public static Path base(Path outDir, String caseId) {
		String stem = caseId.replaceFirst("(\\.nii)?\\.gz$", "").replaceFirst("\\.[A-Za-z0-9]+$", "");
		return outDir.resolve(stem);
	}
}

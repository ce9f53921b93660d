package org.medad.run;

import java.io.IOException;
import java.nio.file.Path;

import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.write.FloatTiff;
import org.medad.io.write.HeatMap;
import org.medad.io.write.PngFiles;

/**
 * Writes a 2D anomaly map on its slice's grid: a heat-map PNG over the slice (colours from {@code low}
 * to {@code high}), the raw float TIFF and, with a pixel threshold, the binary mask of map >= threshold.
 */
public record MapWriter(double low, double high, Double pixelThreshold, String dicomDescription) {

	public MapWriter(double low, double high) {
		this(low, high, null, null);
	}

	public MapWriter(double low, double high, Double pixelThreshold) {
		this(low, high, pixelThreshold, null);
	}

	/** The same, also writing a DICOM series input's map as a DICOM series described so ({@code --write-dicom}). */
	public MapWriter withDicom(String description) {
		return new MapWriter(low, high, pixelThreshold, description);
	}

	/** Writes {@code base.png}, {@code base.tiff} and, with a pixel threshold, {@code base.mask.png} (0 / 255). */
	public void write(Volume slice, float[] map, Path base) throws IOException {
		float[] grey = Images.toArray(slice.voxels());
		String name = base.getFileName().toString();
		PngFiles.writeImage(HeatMap.overlay(grey, map, slice.width(), slice.height(), low, high),
				base.resolveSibling(name + ".png"));
		FloatTiff.write(map, slice.width(), slice.height(), base.resolveSibling(name + ".tiff"));
		if (pixelThreshold != null) {
			PngFiles.writeGrey(binary(map, pixelThreshold, 255), slice.width(), slice.height(),
					base.resolveSibling(name + ".mask.png"));
		}
	}

	/** {@code on} where the map reaches the threshold, 0 elsewhere. */
	static float[] binary(float[] map, double threshold, float on) {
		float[] b = new float[map.length];
		for (int i = 0; i < map.length; i++) {
			b[i] = map[i] >= threshold ? on : 0;
		}
		return b;
	}

	/**
	 * The path of a case's map inside {@code outDir}, mirroring the case's id without its image suffix. An id is a
	 * path as a user wrote it (a manifest may list absolute paths or climb with ".."): its root is dropped and ".."
	 * becomes "__", so a map can never land outside the output folder, let alone on the input it was computed from.
	 */
	public static Path base(Path outDir, String caseId) {
		String stem = caseId.replaceFirst("(\\.nii)?\\.gz$", "").replaceFirst("\\.[A-Za-z0-9]+$", "");
		StringBuilder rel = new StringBuilder();
		for (String part : stem.split("[/\\\\]")) {
			if (part.isEmpty() || part.equals(".") || part.matches("[A-Za-z]:")) {
				continue; // the root, a drive, "this folder"
			}
			if (rel.length() > 0) {
				rel.append('/');
			}
			rel.append(part.equals("..") ? "__" : part);
		}
		Path out = outDir.toAbsolutePath().normalize();
		Path p = out.resolve(rel.length() == 0 ? "_" : rel.toString()).normalize();
		if (!p.startsWith(out) || p.equals(out)) {
			throw new IllegalArgumentException("case id " + caseId + " maps outside " + outDir);
		}
		return p;
	}
}

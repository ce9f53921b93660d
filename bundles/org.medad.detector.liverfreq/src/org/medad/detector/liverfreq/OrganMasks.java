package org.medad.detector.liverfreq;

import java.nio.file.Files;
import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.dataset.Slicing;
import org.medad.io.format.ImageFormats;

/**
 * Organ masks from a folder, paired with training slices by file name as BMAD pairs images and masks: a 2D slice
 * {@code .../img/0042.png} takes {@code DIR/0042.png}; a slice of a volume {@code case7.nii.gz} takes the same plane
 * and index of the mask volume {@code DIR/case7.nii.gz}. Masks lie on the image's grid; any value above 0 is organ.
 */
final class OrganMasks {
	private final Path dir;
	private final ImageFormats formats;
	private Path cachedFile;
	private Volume cachedVolume;

	OrganMasks(Path dir, ImageFormats formats) throws BadInputException {
		if (!Files.isDirectory(dir)) {
			throw BadInputException.of(dir, "organ mask folder does not exist");
		}
		this.dir = dir;
		this.formats = formats;
	}

	/** The organ of {@code slice} as 1 (organ) and 0, x fastest, on the slice's grid. */
	float[] of(Volume slice) throws BadInputException {
		String source = slice.source();
		int hash = source.indexOf('#');
		Path image = Path.of(hash < 0 ? source : source.substring(0, hash));
		Path file = dir.resolve(image.getFileName().toString());
		if (!Files.isRegularFile(file)) {
			throw BadInputException.of(file, "no organ mask for the training slice " + source
					+ " (masks are paired with images by file name)");
		}
		Volume mask;
		String index = slice.metadata().get("slice_index");
		if (index != null) {
			if (!file.equals(cachedFile)) {
				cachedVolume = formats.read(file);
				cachedFile = file;
			}
			int k = Integer.parseInt(index);
			mask = Slicing.slices(cachedVolume, Slicing.Plane.of(slice.metadata().get("plane")), k, k + 1).get(0);
		} else {
			mask = formats.readGrey(file);
		}
		if (mask.width() != slice.width() || mask.height() != slice.height()) {
			throw BadInputException.of(file, "organ mask is " + mask.width() + "x" + mask.height() + " but the slice "
					+ source + " is " + slice.width() + "x" + slice.height());
		}
		float[] m = Images.toArray(mask.voxels());
		for (int i = 0; i < m.length; i++) {
			m[i] = m[i] > 0 ? 1f : 0f;
		}
		return m;
	}
}

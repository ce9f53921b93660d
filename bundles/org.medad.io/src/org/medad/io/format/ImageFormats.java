package org.medad.io.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;

/** The installed {@link ImageFormat} services, choosing the right one for each file. */
public interface ImageFormats {

	List<ImageFormat> formats();

	/** The format that claims the file, or an error naming the file and the formats tried. */
	ImageFormat formatOf(Path file) throws BadInputException;

	default Volume read(Path file) throws BadInputException {
		return formatOf(file).read(file);
	}

	/**
	 * A 2D slice for a detector: the image in one grey channel (luma of colour pictures). A volume of one
	 * slice is taken as that slice; a volume of several is refused, since slicing a volume needs a plane.
	 */
	default Volume readGrey(Path file) throws BadInputException {
		return readSlice(file).grey();
	}

	/**
	 * As {@link #readGrey} but keeping a picture's colour channels, for an input pipeline to convert as the detector
	 * declares (a volume's slice is grey).
	 */
	default Volume readSlice(Path file) throws BadInputException {
		Volume v = read(file);
		int n = v.voxels().numDimensions();
		int spatial = n - (v.channels() > 1 ? 1 : 0);
		if (v.geometry().dimensions() == 2 && spatial == 2) {
			return v;
		}
		v = v.grey();
		n = v.voxels().numDimensions();
		if (n == 3 && v.voxels().dimension(2) == 1 && v.geometry().dimensions() == 3) {
			var g = v.geometry();
			double[] d = g.direction();
			var g2 = new org.medad.core.image.Geometry(new double[] { g.spacing()[0], g.spacing()[1] },
					new double[] { g.origin()[0], g.origin()[1] }, new double[] { d[0], d[1], d[3], d[4] },
					g.spacingKnown());
			return new Volume(v.source(), net.imglib2.view.Views.hyperSlice(v.voxels(), 2, 0), g2, v.modality(),
					v.metadata());
		}
		throw BadInputException.of(file, "is a " + n + "-D image with " + v.voxels().dimension(n - 1)
				+ " planes; detectors take 2D slices (extract slices from volumes first)");
	}

	/** Writes with the format that owns the file name's suffix. */
	void write(Volume image, Path file) throws IOException, BadInputException;
}

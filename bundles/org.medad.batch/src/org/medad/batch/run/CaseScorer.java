package org.medad.batch.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.dataset.Slicing;
import org.medad.io.format.ImageFormats;

/**
 * Scores one case on its own grid: a 2D image directly; a 3D volume axial slice by slice (in batches),
 * its slice maps stacked back onto the volume and its score the maximum over slices. Writes the map as
 * heat-map PNG + float TIFF (2D) or NIfTI on the input's geometry (3D).
 */
final class CaseScorer {
	/** The grey image scored, its score and its map on the same grid (x fastest). */
	record Scored(Volume image, double score, float[] map) {
		boolean isVolume() {
			return image.voxels().numDimensions() == 3;
		}
	}

	private final ImageFormats formats;

	CaseScorer(ImageFormats formats) {
		this.formats = formats;
	}

	Scored score(TrainedModel model, Path file) throws MedadException {
		Volume v = formats.read(file).grey();
		int n = v.voxels().numDimensions();
		if (n == 3 && v.voxels().dimension(2) == 1 || n == 2) {
			Volume slice = n == 2 ? v : formats.readGrey(file);
			AnomalyResult r = model.score(slice);
			return new Scored(slice, r.score(), r.mapOn(slice.width(), slice.height()));
		}
		if (n != 3 || v.geometry().dimensions() != 3) {
			throw BadInputException.of(file, "is " + n + "-D; scoring takes 2D slices or 3D volumes");
		}
		int depth = (int) v.voxels().dimension(2);
		List<Volume> slices = Slicing.slices(v, Slicing.Plane.AXIAL, 0, depth);
		List<float[]> maps = new ArrayList<>(depth);
		double max = Double.NEGATIVE_INFINITY;
		for (AnomalyResult r : model.scoreBatch(slices)) {
			maps.add(r.mapOn(v.width(), v.height()));
			max = Math.max(max, r.score());
		}
		return new Scored(v, max, Images.toArray(Slicing.stack(maps, v, Slicing.Plane.AXIAL, 0).voxels()));
	}

	/** Writes {@code base}.png + .tiff for a slice, {@code base}.nii.gz for a volume. */
	void writeMap(Scored s, Path base, MapWriter pictures) throws IOException, BadInputException {
		if (s.isVolume()) {
			Volume v = s.image();
			long[] dims = { v.voxels().dimension(0), v.voxels().dimension(1), v.voxels().dimension(2) };
			formats.write(new Volume(v.source(), Images.wrap(s.map(), dims), v.geometry(), "MAP", java.util.Map.of()),
					base.resolveSibling(base.getFileName() + ".nii.gz"));
		} else {
			pictures.write(s.image(), s.map(), base);
		}
	}
}

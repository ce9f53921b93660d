package org.medad.io.dicom;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.dataset.Slicing;
import org.medad.io.format.AxialSlices;
import org.medad.io.format.ImageHeader;

/**
 * A single-channel DICOM series read one file (slice) at a time, in the order the series reader sorts
 * them (along the slice normal, the volume's third axis), so scoring a series takes the memory of a
 * slice; each slice is what slicing the whole-read volume gives (pixels, in-plane geometry, modality,
 * metadata). Only the slice being decoded is held: the series is listed from its headers.
 */
public final class DicomSeriesSlices implements AxialSlices.Reader {
	private final Path dir;
	private final DicomSeriesFormat.Series series;
	private final long[] dims;
	private final Geometry geometry;
	private final Geometry sliceGeometry;
	private final String modality;
	private final Map<String, String> meta = new LinkedHashMap<>();
	private int next;

	private DicomSeriesSlices(Path dir, DicomSeriesFormat.Series series, ImageHeader h, String modality) {
		this.dir = dir;
		this.series = series;
		this.dims = h.dims();
		this.geometry = h.geometry();
		this.sliceGeometry = Slicing.sliceGeometry(geometry, Slicing.Plane.AXIAL);
		this.modality = modality == null ? "OT" : modality;
		h.details().forEach((k, v) -> {
			if (v != null) {
				meta.put(k, String.valueOf(v));
			}
		});
	}

	/** A reader for the series folder {@code dir}, or null when it holds colour images (read those whole). */
	public static DicomSeriesSlices of(Path dir) throws BadInputException {
		DicomSeriesFormat.Series s = DicomSeriesFormat.series(dir);
		DicomFile first = s.slices().get(0);
		if (PixelFormat.of(first).channels() != 1) {
			return null;
		}
		return new DicomSeriesSlices(dir, s, DicomSeriesFormat.header(dir, s), first.data.string(Tag.MODALITY));
	}

	@Override
	public long[] dims() {
		return dims.clone();
	}

	@Override
	public Geometry geometry() {
		return geometry;
	}

	@Override
	public Volume next() throws BadInputException {
		if (next >= dims[2]) {
			throw new IllegalStateException(dir + ": all " + dims[2] + " slices were read");
		}
		DicomFile f = series.slices().get(next).withPixels();
		float[] px = new float[(int) (dims[0] * dims[1])];
		PixelDecoder.decodeInto(f, PixelFormat.of(f), px, 0);
		Map<String, String> m = new LinkedHashMap<>(meta);
		m.put("plane", "axial");
		m.put("slice_index", Integer.toString(next));
		Volume v = new Volume(dir + "#axial" + next, Images.wrap(px, dims[0], dims[1]), sliceGeometry, modality, m);
		next++;
		return v;
	}

	@Override
	public void close() {
		// files are read whole, one at a time: nothing stays open
	}
}

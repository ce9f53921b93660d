package org.medad.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelPackage;
import org.medad.io.dataset.SliceSpec;
import org.medad.io.dataset.Slicing;
import org.medad.io.format.AxialSlices;
import org.medad.io.format.ImageFormats;

/**
 * Scores one case on its own grid: a 2D image directly; a 3D volume slice by slice (in batches) in the plane
 * and range the model was trained on, every slice through the model's {@link InputPipeline}, its slice maps stacked back onto the volume (zero elsewhere) and its
 * score the maximum over those slices. Writes the map as
 * heat-map PNG + float TIFF (2D) or NIfTI on the input's geometry (3D).
 */
final class CaseScorer {
	/** The grey image scored, its score and its map on the same grid (x fastest). */
	record Scored(Volume image, double score, float[] map) {
		boolean isVolume() {
			return image.voxels().numDimensions() == 3;
		}
	}

	/** Slices per call to the detector unless the caller says otherwise. */
	static final int DEFAULT_BATCH = 8;

	private final ImageFormats formats;
	private final SliceSpec spec;
	private final InputPipeline input;
	private final int batch;

	/**
	 * Scores volumes on the slices the model was trained on ({@code spec}), {@code batch} slices per call to the
	 * detector, each slice through {@code input} first; other slices get a zero map.
	 */
	CaseScorer(ImageFormats formats, SliceSpec spec, InputPipeline input, int batch) {
		if (batch < 1) {
			throw new IllegalArgumentException("batch " + batch + " < 1");
		}
		this.formats = formats;
		this.spec = spec;
		this.input = input;
		this.batch = batch;
	}

	/** Grey slices as read. */
	CaseScorer(ImageFormats formats, SliceSpec spec, int batch) {
		this(formats, spec, InputPipeline.GREY, batch);
	}

	/** Scores as a package was trained: its slices and its recorded input pipeline. */
	static CaseScorer forPackage(ImageFormats formats, ModelPackage pkg, int batch) throws MedadException {
		return new CaseScorer(formats, sliceSpec(pkg), InputPipeline.of(pkg), batch);
	}

	/** The slices a model package was trained on, as its manifest records them (all axial when absent). */
	static SliceSpec sliceSpec(ModelPackage pkg) {
		Map<String, Object> p = pkg.manifest().preprocessing();
		if (p == null || !p.containsKey("slicePlane")) {
			return SliceSpec.ALL_AXIAL;
		}
		return new SliceSpec(Slicing.Plane.of(String.valueOf(p.get("slicePlane"))),
				((Number) p.get("sliceFrom")).intValue(), ((Number) p.get("sliceTo")).intValue());
	}

	Scored score(TrainedModel model, Path file) throws MedadException {
		return score(model, prepare(file));
	}

	/**
	 * A case read and made ready for the detector, so that reading can run ahead of scoring: a 2D image (as read and
	 * through the input pipeline), a volume read whole, or a NIfTI volume to stream (nothing read yet: it is read
	 * slice by slice while it is scored).
	 */
	record Prepared(Path file, Volume slice, Volume given, Volume volume, boolean streamed) {
		/** Voxels held, for the read-ahead budget. */
		long voxels() {
			Volume v = volume != null ? volume : slice;
			if (v == null) {
				return 0;
			}
			long n = 1;
			for (long d : v.voxels().dimensionsAsLongArray()) {
				n *= d;
			}
			return given == null ? n : 2 * n;
		}
	}

	private long detectorNanos;

	/** One call to the detector, timed: the compute share of a run is this time over its wall time. */
	private List<AnomalyResult> detect(TrainedModel model, List<Volume> slices) throws MedadException {
		long t0 = System.nanoTime();
		try {
			return model.scoreBatch(slices);
		} finally {
			detectorNanos += System.nanoTime() - t0;
		}
	}

	/** Seconds spent inside the detector's calls so far. */
	double detectorSeconds() {
		return detectorNanos / 1e9;
	}

	/** Slices of a streamed volume read ahead of the detector (0: each read when its turn comes). */
	private int sliceReadAhead;

	/** Reads {@code slices} slices of streamed volumes ahead of the detector, on a thread of their own. */
	CaseScorer readingSlicesAhead(int slices) {
		this.sliceReadAhead = slices;
		return this;
	}

	Prepared prepare(Path file) throws MedadException {
		return prepare(file, false);
	}

	/** @param streamable whether a NIfTI volume may be left to stream (only {@link #scoreInto} streams) */
	Prepared prepare(Path file, boolean streamable) throws MedadException {
		if (streamable && spec.plane() == Slicing.Plane.AXIAL) {
			if (java.nio.file.Files.isDirectory(file)) {
				return new Prepared(file, null, null, null, true); // a DICOM series: opened once, when scored
			}
			try (AxialSlices.Reader slices = AxialSlices.open(file)) {
				if (slices != null && slices.dims()[2] > 1) {
					return new Prepared(file, null, null, null, true);
				}
			} catch (IOException e) {
				throw BadInputException.of(file, "cannot be read: " + e.getMessage(), e);
			}
		}
		Volume read = formats.read(file);
		Volume v = read.grey();
		int n = v.voxels().numDimensions();
		if (n == 3 && v.voxels().dimension(2) == 1 || n == 2) {
			Volume slice = n == 2 ? read : formats.readSlice(file); // a picture keeps its colour for the pipeline
			return new Prepared(file, slice, input.apply(slice), null, false);
		}
		if (n != 3 || v.geometry().dimensions() != 3) {
			throw BadInputException.of(file, "is " + n + "-D; scoring takes 2D slices or 3D volumes");
		}
		return new Prepared(file, null, null, v, false);
	}

	/** Whether {@code p} is a single slice, which may share a detector call with other cases' slices. */
	static boolean isSlice(Prepared p) {
		return p.slice() != null;
	}

	/** Scores prepared single slices together, one call to the detector; results in order. */
	List<Scored> scoreSlices(TrainedModel model, List<Prepared> slices) throws MedadException {
		List<Volume> given = new ArrayList<>(slices.size());
		slices.forEach(p -> given.add(p.given()));
		List<AnomalyResult> results = detect(model, given);
		List<Scored> out = new ArrayList<>(slices.size());
		for (int i = 0; i < slices.size(); i++) {
			Prepared p = slices.get(i);
			out.add(new Scored(p.slice().grey(), results.get(i).score(), input.mapOn(results.get(i), p.slice(),
					p.given())));
		}
		return out;
	}

	Scored score(TrainedModel model, Prepared p) throws MedadException {
		if (p.streamed()) {
			throw new IllegalStateException(p.file() + " is to be streamed: score it with scoreInto");
		}
		if (isSlice(p)) {
			return scoreSlices(model, List.of(p)).get(0);
		}
		Volume v = p.volume();
		int axis = spec.plane() == Slicing.Plane.AXIAL ? 2 : spec.plane() == Slicing.Plane.CORONAL ? 1 : 0;
		int n3 = (int) v.voxels().dimension(axis);
		int from = Math.min(spec.from(), n3 - 1);
		int to = Math.max(from + 1, spec.end(n3));
		long[] dims = { v.voxels().dimension(0), v.voxels().dimension(1), v.voxels().dimension(2) };
		// one map for the whole volume, filled batch by batch: what the detector holds at a time is one batch
		float[] map = new float[Math.toIntExact(dims[0] * dims[1] * dims[2])];
		double max = Double.NEGATIVE_INFINITY;
		for (int k = from; k < to; k += batch) {
			List<Volume> slices = Slicing.slices(v, spec.plane(), k, Math.min(to, k + batch));
			List<Volume> given = new ArrayList<>(slices.size());
			for (Volume s : slices) {
				given.add(input.apply(s));
			}
			List<AnomalyResult> results = detect(model, given);
			for (int i = 0; i < results.size(); i++) {
				AnomalyResult r = results.get(i);
				Slicing.place(map, dims, spec.plane(), k + i, input.mapOn(r, slices.get(i), given.get(i)));
				max = Math.max(max, r.score());
			}
		}
		return new Scored(v, max, map);
	}

	/**
	 * Scores a case and writes its map ({@link #writeMap}); returns the score. A volume whose format stores axial
	 * slices in order (NIfTI) and a model trained on axial slices is streamed: read, scored {@code batch} slices at a
	 * time and its map written slice by slice, so memory does not grow with the volume's depth.
	 */
	double scoreInto(TrainedModel model, Path file, Path base, MapWriter pictures) throws MedadException, IOException {
		return scoreInto(model, prepare(file, true), base, pictures);
	}

	/** {@link #scoreInto(TrainedModel, Path, Path, MapWriter)} of a case read ahead. */
	double scoreInto(TrainedModel model, Prepared p, Path base, MapWriter pictures) throws MedadException, IOException {
		if (p.streamed()) {
			try (AxialSlices.Reader slices = AxialSlices.open(p.file())) {
				if (slices == null || slices.dims()[2] < 2) { // a colour or single-slice series: read whole
					Scored s = score(model, prepare(p.file(), false));
					writeMap(s, base, pictures);
					return s.score();
				}
				double score = streamed(model, slices, volumeMap(base));
				if (pictures.pixelThreshold() != null) {
					maskFromWritten(volumeMap(base), volumeMask(base), pictures.pixelThreshold());
				}
				if (pictures.dicomDescription() != null && java.nio.file.Files.isDirectory(p.file())) {
					// asked for: the map read back whole (the rescale needs its range) and written over the series
					float[] map = Images.toArray(formats.read(volumeMap(base)).voxels());
					org.medad.io.write.DicomMaps.writeSeries(p.file(), map, base.resolveSibling(base.getFileName()
							+ ".dicom"), pictures.dicomDescription());
				}
				return score;
			}
		}
		Scored s = score(model, p);
		writeMap(s, base, pictures);
		return s.score();
	}

	private double streamed(TrainedModel model, AxialSlices.Reader slices, Path target)
			throws MedadException, IOException {
		long[] dims = slices.dims();
		int n3 = (int) dims[2];
		int from = Math.min(spec.from(), n3 - 1);
		int to = Math.max(from + 1, spec.end(n3));
		int nx = (int) dims[0];
		int ny = (int) dims[1];
		float[] zeros = new float[nx * ny];
		double max = Double.NEGATIVE_INFINITY;
		// three threads: the slice reader, the detector (this one), the map writer (compression is no cheaper than
		// many detectors); each bounded to twice the batch
		try (SliceStream stream = new SliceStream(slices, input, from, to, sliceReadAhead);
				SliceSink sink = new SliceSink(target, dims, slices.geometry(), 2 * batch)) {
			for (int k = 0; k < from; k++) {
				sink.put(zeros);
			}
			for (int k = from; k < to; k += batch) {
				List<Volume> asRead = new ArrayList<>(batch);
				List<Volume> batchSlices = new ArrayList<>(batch);
				for (int i = k; i < Math.min(to, k + batch); i++) {
					SliceStream.Slice s = stream.next();
					asRead.add(s.asRead());
					batchSlices.add(s.given());
				}
				List<AnomalyResult> results = detect(model, batchSlices);
				for (int i = 0; i < results.size(); i++) {
					sink.put(input.mapOn(results.get(i), asRead.get(i), batchSlices.get(i)));
					max = Math.max(max, results.get(i).score());
				}
			}
			for (int k = to; k < n3; k++) {
				sink.put(zeros);
			}
			sink.finish();
		}
		return max;
	}

	/** Where a volume's map goes: {@code base}.nii.gz. */
	private static Path volumeMap(Path base) {
		return base.resolveSibling(base.getFileName() + ".nii.gz");
	}

	/** Where a volume's binary mask at the pixel threshold goes: {@code base}.mask.nii.gz. */
	private static Path volumeMask(Path base) {
		return base.resolveSibling(base.getFileName() + ".mask.nii.gz");
	}

	/** Thresholds a map written slice by slice into its mask, read back the same way: memory of one slice. */
	private static void maskFromWritten(Path map, Path mask, double threshold) throws MedadException, IOException {
		try (AxialSlices.Reader in = AxialSlices.open(map)) {
			AxialSlices.write(mask, in.dims(), in.geometry(),
					k -> MapWriter.binary(Images.toArray(in.next().voxels()), threshold, 1));
		}
	}

	/**
	 * Writes {@code base}.png + .tiff for a slice, {@code base}.nii.gz for a volume, and with a pixel threshold the
	 * binary mask beside them ({@code base}.mask.png, {@code base}.mask.nii.gz: 1 where the map reaches it).
	 */
	void writeMap(Scored s, Path base, MapWriter pictures) throws IOException, BadInputException {
		if (s.isVolume()) {
			Volume v = s.image();
			long[] dims = { v.voxels().dimension(0), v.voxels().dimension(1), v.voxels().dimension(2) };
			formats.write(new Volume(v.source(), Images.wrap(s.map(), dims), v.geometry(), "MAP", java.util.Map.of()),
					volumeMap(base));
			if (pictures.pixelThreshold() != null) {
				float[] mask = MapWriter.binary(s.map(), pictures.pixelThreshold(), 1);
				formats.write(new Volume(v.source(), Images.wrap(mask, dims), v.geometry(), "MASK", java.util.Map.of()),
						volumeMask(base));
			}
			Path source = v.source() == null ? null : Path.of(v.source());
			if (pictures.dicomDescription() != null && source != null && java.nio.file.Files.isDirectory(source)) {
				// a DICOM series in: the map also as a series over it, for a PACS or 3D Slicer
				org.medad.io.write.DicomMaps.writeSeries(source, s.map(), base.resolveSibling(base.getFileName()
						+ ".dicom"), pictures.dicomDescription());
			}
		} else {
			pictures.write(s.image(), s.map(), base);
		}
	}
}

package org.medad.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.Channels;
import org.medad.core.detect.InputSpec;
import org.medad.core.detect.LabelledSlices;
import org.medad.core.detect.SliceSource;
import org.medad.core.error.BadInputException;
import org.medad.core.error.ModelException;
import org.medad.core.image.GridMap;
import org.medad.core.image.Images;
import org.medad.core.image.Resample;
import org.medad.core.image.Volume;
import org.medad.core.model.ModelPackage;
import org.medad.io.preprocess.SliceOp;
import org.medad.io.preprocess.Steps;

/**
 * What every slice goes through before a detector sees it, in training, calibration, scoring and evaluation alike:
 * the channel conversion and preprocessing steps the detector declares ({@link InputSpec}). A model package records
 * them under {@code preprocessing.input}, and scoring runs what the package recorded, not what the installed
 * detector declares today, so that a model scores as it was trained.
 */
public final class InputPipeline {
	/** Packages written before inputs were recorded: grey slices as read. */
	public static final InputPipeline GREY = new InputPipeline(Channels.GREY, List.of());

	private final Channels channels;
	private final List<String> steps;
	private final SliceOp op;

	private InputPipeline(Channels channels, List<String> declared) {
		this.channels = channels;
		this.op = Steps.of(new InputSpec("axial", 1, channels, declared));
		this.steps = declared.stream().map(s -> Steps.spec(Steps.parse(s))).toList();
	}

	/** The pipeline a detector declares; a step it cannot parse is a fault of that detector. */
	public static InputPipeline of(InputSpec input) {
		return new InputPipeline(input.channels(), input.steps());
	}

	/** The pipeline a package recorded (grey as read when it recorded none). */
	public static InputPipeline of(ModelPackage pkg) throws ModelException {
		Map<String, Object> p = pkg.manifest().preprocessing();
		Object input = p == null ? null : p.get("input");
		if (input == null) {
			return GREY;
		}
		String where = pkg.folder().resolve(ModelPackage.MANIFEST) + ": preprocessing.input";
		if (!(input instanceof Map<?, ?> m) || !(m.get("channels") instanceof String c)
				|| !(m.get("steps") instanceof List<?> s) || !s.stream().allMatch(String.class::isInstance)) {
			throw new ModelException(where + " must hold channels (grey or rgb) and a list of steps");
		}
		try {
			return new InputPipeline(Channels.of(c), s.stream().map(String.class::cast).toList());
		} catch (IllegalArgumentException e) {
			throw new ModelException(where + ": " + e.getMessage());
		}
	}

	public Channels channels() {
		return channels;
	}

	/** The steps after the channel conversion, in their declared form. */
	public List<String> steps() {
		return steps;
	}

	/** One 2D slice as the detector takes it; a slice it cannot process is bad input naming its source. */
	public Volume apply(Volume slice) throws BadInputException {
		try {
			return op.apply(slice);
		} catch (IllegalArgumentException e) {
			throw new BadInputException(slice.source() + ": " + e.getMessage());
		}
	}

	/** The slices of {@code source}, each through this pipeline as it is loaded. */
	public SliceSource over(SliceSource source) {
		return new SliceSource() {
			@Override
			public int size() {
				return source.size();
			}

			@Override
			public String id(int index) {
				return source.id(index);
			}

			@Override
			public Volume load(int index) throws BadInputException {
				return apply(source.load(index));
			}
		};
	}

	/** Labelled slices through this pipeline, their masks brought onto each processed slice's grid. */
	public LabelledSlices over(LabelledSlices source) {
		return new LabelledSlices() {
			private int last = -1;
			private Volume lastImage;

			@Override
			public int size() {
				return source.size();
			}

			@Override
			public String id(int index) {
				return source.id(index);
			}

			@Override
			public synchronized Volume load(int index) throws BadInputException {
				if (index != last) {
					lastImage = apply(source.load(index));
					last = index;
				}
				return lastImage;
			}

			@Override
			public boolean anomalous(int index) {
				return source.anomalous(index);
			}

			@Override
			public Volume mask(int index) throws BadInputException {
				Volume mask = source.mask(index);
				return mask == null ? null : maskOn(mask, load(index));
			}
		};
	}

	/**
	 * A mask of the slice as read on the processed image's grid (nearest neighbour, so it stays binary): stretched
	 * over it, or, after a step that crops, taken from where the processed image lies ({@link GridMap}).
	 */
	public Volume maskOn(Volume mask, Volume image) {
		float[] m = Images.toArray(mask.voxels());
		if (op.crops()) {
			m = GridMap.between(mask.geometry(), image.geometry()).toTarget(m, mask.width(), mask.height(),
					image.width(), image.height());
		} else if (mask.width() == image.width() && mask.height() == image.height()) {
			return mask;
		} else {
			m = Resample.resize(m, mask.width(), mask.height(), image.width(), image.height(), Resample.Mode.NEAREST);
		}
		return new Volume(mask.source(), Images.wrap(m, image.width(), image.height()), image.geometry(),
				mask.modality(), mask.metadata());
	}

	/**
	 * A slice's map on the slice as read ({@code read}, x fastest), from its result on the processed slice
	 * ({@code given}): stretched back over it, or, after a step that crops, put back where the processed slice lies
	 * (zero where it does not reach).
	 */
	public float[] mapOn(AnomalyResult r, Volume read, Volume given) {
		if (!op.crops()) {
			return r.mapOn(read.width(), read.height());
		}
		float[] onGiven = r.mapOn(given.width(), given.height());
		return GridMap.between(read.geometry(), given.geometry()).toSource(onGiven, given.width(), given.height(),
				read.width(), read.height());
	}

	/** What model.json records: channels, steps and the pipeline in words. */
	public Map<String, Object> record() {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("channels", channels.label());
		r.put("steps", steps);
		r.put("pipeline", op.describe());
		return r;
	}
}

package org.medad.io.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.medad.core.detect.Channels;
import org.medad.core.detect.InputSpec;
import org.medad.core.image.Resample;
import org.medad.core.image.Resample.Mode;

/**
 * The declared form of preprocessing steps, as detectors declare them in their {@link InputSpec} and model.json
 * records them, one step per string:
 * <ul>
 * <li>{@code grey}, {@code rgb}: channel conversion (the input's channels add one first)</li>
 * <li>{@code window LO,HI}: values (HU for CT, grey levels for pictures) clipped and mapped to [0, 1]</li>
 * <li>{@code normalise min-max | z-score | mean-std MEAN,STD | percentile LO,HI}</li>
 * <li>{@code resize N | WxH nearest|bilinear|bicubic|area [antialias|align-corners]}: {@link Resample.Mode}</li>
 * <li>{@code liver-roi N}: QFAE's liver crop onto an N x N canvas with its bilateral filter ({@link LiverRoi})</li>
 * </ul>
 * {@link #spec} writes a step back in that form, so that what is recorded parses to the same step.
 */
public final class Steps {
	private Steps() {
	}

	/** The whole pipeline of an input: its channel conversion, then its steps. */
	public static Pipeline of(InputSpec input) {
		List<SliceOp> ops = new ArrayList<>();
		ops.add(input.channels() == Channels.RGB ? new GreyToRgb() : new ToGrey());
		for (String s : input.steps()) {
			ops.add(parse(s));
		}
		return new Pipeline(ops);
	}

	/** One declared step; an unknown or malformed one is an error quoting it. */
	public static SliceOp parse(String step) {
		String[] w = step.trim().toLowerCase(Locale.ROOT).split("\\s+");
		try {
			return switch (w[0]) {
				case "grey" -> words(step, w, 1, new ToGrey());
				case "rgb" -> words(step, w, 1, new GreyToRgb());
				case "window" -> {
					double[] lh = pair(step, w, 2);
					yield new CtWindow(lh[0], lh[1]);
				}
				case "normalise" -> normalise(step, w);
				case "resize" -> resize(step, w);
				case "liver-roi" -> {
					if (w.length != 2) {
						throw bad(step, "liver-roi takes the canvas size N");
					}
					int n = Integer.parseInt(w[1]);
					if (n < 1 || n > 16384) {
						throw bad(step, "canvas " + n + " out of 1..16384");
					}
					yield new LiverRoi(n);
				}
				default -> throw bad(step, "unknown step '" + w[0] + "' (grey, rgb, window, normalise, resize, liver-roi)");
			};
		} catch (NumberFormatException e) {
			throw bad(step, "not a number: " + e.getMessage());
		}
	}

	/** The declared form of a step made by {@link #parse} (or built directly from the same records). */
	public static String spec(SliceOp op) {
		return switch (op) {
			case ToGrey g -> "grey";
			case GreyToRgb g -> "rgb";
			case CtWindow c -> "window " + num(c.lower()) + "," + num(c.upper());
			case Normalise n -> switch (n.mode()) {
				case MIN_MAX -> "normalise min-max";
				case Z_SCORE -> "normalise z-score";
				case MEAN_STD -> "normalise mean-std " + num(n.a()) + "," + num(n.b());
				case PERCENTILE -> "normalise percentile " + num(n.a()) + "," + num(n.b());
			};
			case Resize r -> "resize " + (r.width() == r.height() ? r.width() + "" : r.width() + "x" + r.height()) + " "
					+ switch (r.mode()) {
						case NEAREST -> "nearest";
						case BILINEAR -> "bilinear";
						case BILINEAR_ALIGN_CORNERS -> "bilinear align-corners";
						case AREA -> "area";
						case BILINEAR_ANTIALIAS -> "bilinear antialias";
						case BICUBIC -> "bicubic";
						case BICUBIC_ANTIALIAS -> "bicubic antialias";
					};
			case LiverRoi l -> "liver-roi " + l.canvas();
			default -> throw new IllegalArgumentException(op.describe() + ": not a declarable step");
		};
	}

	private static SliceOp normalise(String step, String[] w) {
		if (w.length < 2) {
			throw bad(step, "normalise takes min-max, z-score, mean-std MEAN,STD or percentile LO,HI");
		}
		return switch (w[1]) {
			case "min-max" -> words(step, w, 2, Normalise.minMax());
			case "z-score" -> words(step, w, 2, Normalise.zScore());
			case "mean-std" -> {
				double[] ms = pair(step, w, 3);
				if (!(ms[1] > 0)) {
					throw bad(step, "the standard deviation must be positive");
				}
				yield Normalise.meanStd(ms[0], ms[1]);
			}
			case "percentile" -> {
				double[] lh = pair(step, w, 3);
				if (!(lh[0] >= 0 && lh[0] < lh[1] && lh[1] <= 100)) {
					throw bad(step, "percentiles must satisfy 0 <= LO < HI <= 100");
				}
				yield Normalise.percentile(lh[0], lh[1]);
			}
			default -> throw bad(step, "unknown normalisation '" + w[1] + "'");
		};
	}

	private static SliceOp resize(String step, String[] w) {
		if (w.length < 3 || w.length > 4) {
			throw bad(step, "resize takes N or WxH, nearest|bilinear|bicubic|area, optionally antialias or align-corners");
		}
		String[] size = w[1].split("x");
		int width = Integer.parseInt(size[0]);
		int height = size.length == 2 ? Integer.parseInt(size[1]) : width;
		if (size.length > 2 || width < 1 || height < 1 || width > 16384 || height > 16384) {
			throw bad(step, "size " + w[1] + " out of 1..16384");
		}
		String option = w.length == 4 ? w[3] : "";
		Mode mode = switch (w[2] + " " + option) {
			case "nearest " -> Mode.NEAREST;
			case "bilinear " -> Mode.BILINEAR;
			case "bilinear align-corners" -> Mode.BILINEAR_ALIGN_CORNERS;
			case "bilinear antialias" -> Mode.BILINEAR_ANTIALIAS;
			case "bicubic " -> Mode.BICUBIC;
			case "bicubic antialias" -> Mode.BICUBIC_ANTIALIAS;
			case "area " -> Mode.AREA;
			default -> throw bad(step, option.isEmpty() ? "unknown interpolation '" + w[2] + "'"
					: "'" + w[2] + " " + option + "' is not a mode (antialias: bilinear or bicubic; align-corners: bilinear)");
		};
		return new Resize(width, height, mode);
	}

	private static SliceOp words(String step, String[] w, int n, SliceOp op) {
		if (w.length != n) {
			throw bad(step, "unexpected '" + w[n] + "'");
		}
		return op;
	}

	private static double[] pair(String step, String[] w, int n) {
		if (w.length != n) {
			throw bad(step, "expects two numbers A,B");
		}
		String[] ab = w[n - 1].split(",");
		if (ab.length != 2) {
			throw bad(step, "expects two numbers A,B, got '" + w[n - 1] + "'");
		}
		double a = Double.parseDouble(ab[0]);
		double b = Double.parseDouble(ab[1]);
		if (!Double.isFinite(a) || !Double.isFinite(b)) {
			throw bad(step, "numbers must be finite");
		}
		if (w[0].equals("window") && !(b > a)) {
			throw bad(step, "the window is empty: upper must exceed lower");
		}
		return new double[] { a, b };
	}

	private static String num(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	private static IllegalArgumentException bad(String step, String why) {
		return new IllegalArgumentException("preprocessing step '" + step + "': " + why);
	}
}

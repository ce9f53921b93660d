package org.medad.phantom;

import java.util.SplittableRandom;

/**
 * Brain-like axial MR slices in a T1-like contrast: bright skull ring, dark CSF rim, folded grey-matter
 * cortex, brighter white matter with texture, two lateral ventricles, acquisition noise. Subjects
 * differ in head shape, size, rotation, position, ventricle size and folding, so that a detector has
 * to learn a distribution, not a template. Lesions are blobs of varied size, shape, contrast (hyper-
 * or hypo-intense) and texture with soft borders, placed inside the brain.
 */
public final class BrainPhantom {
	private static final double SKULL = 0.88;
	private static final double CSF = 0.12;
	private static final double GREY = 0.50;
	private static final double WHITE = 0.70;
	private static final double VENTRICLE = 0.16;
	private static final double NOISE = 0.02;

	private final int size;

	public BrainPhantom(int size) {
		if (size < 32) {
			throw new IllegalArgumentException("phantom slices need at least 32 pixels, got " + size);
		}
		this.size = size;
	}

	/** A normal slice of subject {@code seed}. */
	public BrainSlice normal(long seed) {
		return generate(seed, 0);
	}

	/** A slice with 1 to {@code maxLesions} lesions. */
	public BrainSlice withLesions(long seed, int maxLesions) {
		return generate(seed, maxLesions);
	}

	/**
	 * Slice {@code z} of a volume of {@code depth} slices of subject {@code seed}: the head narrows and the
	 * ventricles vanish away from the middle; each lesion is an ellipsoid whose cross-section shrinks with
	 * its distance in z from its centre slice. Same seed, same volume.
	 */
	public BrainSlice volumeSlice(long seed, int maxLesions, int z, int depth) {
		SplittableRandom anatomy = new SplittableRandom(seed);
		Subject base = new Subject(anatomy);
		double zc = depth == 1 ? 0 : 2.0 * z / (depth - 1) - 1; // -1 bottom .. 1 top
		Subject s = base.atHeight(zc);
		SplittableRandom sliceRnd = new SplittableRandom(seed * 31 + z);
		float[] texture = SmoothNoise.octaves(sliceRnd, size, 8, 3);
		float[] image = new float[size * size];
		double[] brainRadius = new double[size * size];
		paintTissue(s, texture, image, brainRadius);
		float[] mask = new float[size * size];
		int lesions = maxLesions == 0 ? 0 : 1 + anatomy.nextInt(maxLesions);
		for (int l = 0; l < lesions; l++) {
			SplittableRandom lr = new SplittableRandom(seed * 7919 + l);
			int z0 = depth / 4 + lr.nextInt(Math.max(1, depth / 2));
			double rz = Math.max(1, depth / 6.0 + lr.nextDouble(0, depth / 6.0));
			double dz = (z - z0) / rz;
			if (Math.abs(dz) < 1) {
				new Lesion(new SplittableRandom(seed * 104729 + l), size, base, Math.sqrt(1 - dz * dz))
						.paint(image, mask, brainRadius, size);
			}
		}
		addNoise(image, sliceRnd);
		return new BrainSlice(image, mask, size);
	}

	private void paintTissue(Subject s, float[] texture, float[] image, double[] brainRadius) {
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				int i = y * size + x;
				double[] p = s.toHead(x, y, size);
				double r = Math.hypot(p[0], p[1]);
				brainRadius[i] = r;
				image[i] = (float) tissue(s, p, r, texture[i]);
			}
		}
	}

	private static void addNoise(float[] image, SplittableRandom rnd) {
		for (int i = 0; i < image.length; i++) {
			double v = image[i] + NOISE * rnd.nextDouble(-1.7, 1.7);
			image[i] = (float) Math.rint(255 * Math.max(0, Math.min(1, v)));
		}
	}

	private BrainSlice generate(long seed, int maxLesions) {
		SplittableRandom rnd = new SplittableRandom(seed);
		Subject s = new Subject(rnd);
		float[] texture = SmoothNoise.octaves(rnd, size, 8, 3);
		float[] image = new float[size * size];
		double[] brainRadius = new double[size * size];
		paintTissue(s, texture, image, brainRadius);
		float[] mask = new float[size * size];
		int lesions = maxLesions == 0 ? 0 : 1 + rnd.nextInt(maxLesions);
		for (int l = 0; l < lesions; l++) {
			new Lesion(rnd, size, s).paint(image, mask, brainRadius, size);
		}
		addNoise(image, rnd);
		return new BrainSlice(image, mask, size);
	}

	private static double tissue(Subject s, double[] p, double r, float texture) {
		if (r > 1.09) {
			return 0.02;
		}
		if (r > 1.0) {
			return SKULL + 0.04 * texture; // skull
		}
		if (r > 0.965) {
			return CSF;
		}
		double theta = Math.atan2(p[1], p[0]);
		double cortex = 0.80 + 0.045 * Math.sin(s.folds * theta + s.foldPhase)
				+ 0.02 * Math.sin((s.folds * 2 + 1) * theta + 2 * s.foldPhase);
		double base = r > cortex ? GREY : WHITE;
		double v = base + 0.035 * texture;
		for (int side = -1; side <= 1; side += 2) {
			double dx = (p[0] - side * s.ventricleGap) / s.ventricleW;
			double dy = (p[1] - s.ventricleShift) / s.ventricleH;
			double q = dx * dx + dy * dy;
			if (q < 1) {
				v = VENTRICLE + 0.02 * texture;
			} else if (q < 1.3) { // partial volume at the ventricle wall
				double f = (q - 1) / 0.3;
				v = VENTRICLE * (1 - f) + v * f;
			}
		}
		return v;
	}

	/** Per-subject anatomy. */
	static final class Subject {
		final double ax;
		final double ay;
		final double cx;
		final double cy;
		final double cos;
		final double sin;
		final int folds;
		final double foldPhase;
		final double ventricleGap;
		final double ventricleW;
		final double ventricleH;
		final double ventricleShift;

		Subject(SplittableRandom r) {
			double scale = r.nextDouble(0.93, 1.03);
			ax = 0.74 * scale * r.nextDouble(0.96, 1.04);
			ay = 0.88 * scale * r.nextDouble(0.96, 1.04);
			cx = r.nextDouble(-0.025, 0.025);
			cy = r.nextDouble(-0.025, 0.025);
			double angle = Math.toRadians(r.nextDouble(-6, 6));
			cos = Math.cos(angle);
			sin = Math.sin(angle);
			folds = 7 + r.nextInt(5);
			foldPhase = r.nextDouble(0, 2 * Math.PI);
			double v = r.nextDouble(0.7, 1.35);
			ventricleGap = 0.13 * r.nextDouble(0.85, 1.15);
			ventricleW = 0.075 * v;
			ventricleH = 0.26 * v;
			ventricleShift = r.nextDouble(-0.04, 0.04);
		}

		private Subject(Subject o, double scale, double ventricle) {
			ax = o.ax * scale;
			ay = o.ay * scale;
			cx = o.cx;
			cy = o.cy;
			cos = o.cos;
			sin = o.sin;
			folds = o.folds;
			foldPhase = o.foldPhase;
			ventricleGap = o.ventricleGap;
			ventricleW = o.ventricleW * ventricle;
			ventricleH = o.ventricleH * ventricle;
			ventricleShift = o.ventricleShift;
		}

		/** The subject's cross-section at relative height zc in [-1, 1]: smaller head, ventricles only mid-brain. */
		Subject atHeight(double zc) {
			double scale = Math.sqrt(Math.max(0.2, 1 - 0.6 * zc * zc));
			double ventricle = Math.max(0, 1 - 2.5 * zc * zc);
			return new Subject(this, scale, ventricle);
		}

		/** Pixel to head coordinates, in which the skull's inner edge is the unit circle. */
		double[] toHead(int x, int y, int size) {
			double u = (x + 0.5) / size * 2 - 1 - cx;
			double v = (y + 0.5) / size * 2 - 1 - cy;
			double ru = cos * u + sin * v;
			double rv = -sin * u + cos * v;
			return new double[] { ru / ax, rv / ay };
		}
	}
}

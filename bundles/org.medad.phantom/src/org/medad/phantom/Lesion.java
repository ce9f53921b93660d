package org.medad.phantom;

import java.util.SplittableRandom;

/**
 * A lesion: an irregular blob (ellipse with harmonic border ripples) of radius 2.5% to 11% of the
 * field of view, hyper- or hypo-intense by 0.18 to 0.45 of the intensity range, with its own texture
 * and a soft border. The mask covers where the lesion contributes at least half of its contrast.
 */
final class Lesion {
	private final double cx;
	private final double cy;
	private final double rx;
	private final double ry;
	private final double angle;
	private final double contrast;
	private final double[] ripple = new double[3];
	private final double[] ripplePhase = new double[3];
	private final double textureAmount;
	private final SplittableRandom rnd;

	Lesion(SplittableRandom rnd, int size, BrainPhantom.Subject s) {
		this(rnd, size, s, 1);
	}

	/** A lesion whose in-plane radius is scaled by {@code scale} (its cross-section in a volume slice). */
	Lesion(SplittableRandom rnd, int size, BrainPhantom.Subject s, double scale) {
		this.rnd = rnd;
		double r = rnd.nextDouble(0.025, 0.11) * size * scale;
		double aspect = rnd.nextDouble(0.6, 1.0);
		rx = r;
		ry = r * aspect;
		angle = rnd.nextDouble(0, Math.PI);
		// centre inside the brain, away from the skull: pick in head coordinates, map back to pixels
		double rr = Math.sqrt(rnd.nextDouble()) * 0.7;
		double th = rnd.nextDouble(0, 2 * Math.PI);
		double hu = rr * Math.cos(th) * s.ax;
		double hv = rr * Math.sin(th) * s.ay;
		double u = s.cos * hu - s.sin * hv + s.cx;
		double v = s.sin * hu + s.cos * hv + s.cy;
		cx = (u + 1) / 2 * size;
		cy = (v + 1) / 2 * size;
		double magnitude = rnd.nextDouble(0.18, 0.45);
		contrast = rnd.nextDouble() < 0.6 ? magnitude : -magnitude;
		for (int k = 0; k < ripple.length; k++) {
			ripple[k] = rnd.nextDouble(0, 0.18);
			ripplePhase[k] = rnd.nextDouble(0, 2 * Math.PI);
		}
		textureAmount = rnd.nextDouble(0, 0.5);
	}

	void paint(float[] image, float[] mask, double[] brainRadius, int size) {
		float[] texture = SmoothNoise.octaves(rnd, size, Math.max(4, size / 8), 2);
		double c = Math.cos(angle);
		double sn = Math.sin(angle);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double dx = x + 0.5 - cx;
				double dy = y + 0.5 - cy;
				double u = (c * dx + sn * dy) / rx;
				double v = (-sn * dx + c * dy) / ry;
				double d = Math.hypot(u, v);
				double th = Math.atan2(v, u);
				double border = 1;
				for (int k = 0; k < ripple.length; k++) {
					border += ripple[k] * Math.sin((k + 2) * th + ripplePhase[k]);
				}
				double weight = smoothStep((border + 0.25 - d) / 0.5); // soft edge, 1 inside, 0 outside
				int i = y * size + x;
				if (weight <= 0 || brainRadius[i] > 0.96) {
					continue;
				}
				double t = 1 + textureAmount * texture[i];
				image[i] += (float) (weight * contrast * t);
				if (weight >= 0.5) {
					mask[i] = 1;
				}
			}
		}
	}

	private static double smoothStep(double x) {
		double t = Math.max(0, Math.min(1, x));
		return t * t * (3 - 2 * t);
	}
}

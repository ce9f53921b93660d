package org.medad.detector.liverfreq;

import org.medad.detector.liverfreq.loss.SegmentationLoss;
import org.medad.detector.liverfreq.loss.Ssim;
import org.medad.detector.liverfreq.net.ReconstructionNet;
import org.medad.detector.liverfreq.net.SegmentationNet;
import org.medad.nn.Container;
import org.medad.nn.Module;
import org.medad.nn.Scalar;
import org.medad.nn.filter.Butterworth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The two networks and the data flow between them (METHODS.md §3): image → (high-pass) → reconstruction I_r →
 * segmentation of concat(I_r, image) → two-class logits. Images are grey planes in [0, 1], replicated to three
 * channels where the reference uses RGB.
 */
final class LiverFreqNetworks extends Module {
	final ReconstructionNet recon;
	final SegmentationNet seg;
	private final LiverFreqConfig config;

	LiverFreqNetworks(NDManager m, LiverFreqConfig config) {
		super(m);
		this.config = config;
		Container root = child("net", new Container(m));
		this.recon = root.add("recon", new ReconstructionNet(m, 1, config.reconWidth(), 3));
		this.seg = root.add("seg", new SegmentationNet(m, 6, config.segWidth()));
	}

	/** (B, 1, S, S) input of the reconstruction net: the high-pass of each plane, or the plane itself. */
	NDArray reconInput(NDManager m, float[][] planes) {
		if (!config.highPass()) {
			return planes(m, planes, config.size());
		}
		int s = config.size();
		float[][] filtered = new float[planes.length][];
		for (int i = 0; i < planes.length; i++) {
			filtered[i] = Butterworth.highPass(planes[i], s, s, config.cutoffAtSize(), config.order());
		}
		return planes(m, filtered, s);
	}

	static NDArray planes(NDManager m, float[][] planes, int size) {
		float[] flat = new float[planes.length * size * size];
		for (int i = 0; i < planes.length; i++) {
			System.arraycopy(planes[i], 0, flat, i * size * size, size * size);
		}
		return Module.owned(m, flat, new Shape(planes.length, 1, size, size));
	}

	/** Reconstruction and segmentation logits for images (B, 1, S, S). */
	NDArray[] forward(NDManager m, float[][] images, float alpha) {
		NDArray x = planes(m, images, config.size());
		NDArray reconstructed = recon.forward(reconInput(m, images));
		NDArray x3 = x.repeat(1, 3);
		NDArray logits = seg.forward(NDArrays.concat(new NDList(reconstructed, x3), 1), alpha);
		return new NDArray[] { reconstructed, logits };
	}

	/** L = MSE(I_r, I) + λ(1 − SSIM(I_r, I)) + mean|M − P₁| + focal; the terms in that order after the total. */
	NDArray[] loss(NDArray reconstructed, NDArray target, NDArray logits, NDArray mask) {
		NDArray t3 = target.repeat(1, 3);
		NDArray mse = reconstructed.sub(t3).square().mean();
		NDArray ssim = config.ssimWeight() > 0
				? Scalar.mul(Ssim.mean(reconstructed, t3).neg().add(1), config.ssimWeight())
				: mse.zerosLike();
		NDArray seg = SegmentationLoss.of(logits, mask, config.gamma());
		return new NDArray[] { mse.add(ssim).add(seg), mse, ssim, seg };
	}

	/** Anomaly maps (B, S, S) = softmax channel 1, and image scores = max of the sf×sf mean-filtered map. */
	float[][] score(NDArray logits, float[] scores) {
		NDArray p1 = logits.softmax(1).get(":, 1:2, :, :");
		int sf = config.smooth();
		NDArray smoothed = ai.djl.nn.pooling.Pool.avgPool2d(p1, new Shape(sf, sf), new Shape(1, 1),
				new Shape(sf / 2, sf / 2), false, true);
		int b = (int) logits.getShape().get(0);
		int s = config.size();
		float[] all = p1.toFloatArray();
		float[] smooth = smoothed.toFloatArray();
		float[][] maps = new float[b][];
		for (int i = 0; i < b; i++) {
			maps[i] = java.util.Arrays.copyOfRange(all, i * s * s, (i + 1) * s * s);
			float max = 0;
			for (int j = i * s * s; j < (i + 1) * s * s; j++) {
				max = Math.max(max, smooth[j]);
			}
			scores[i] = max;
		}
		return maps;
	}
}

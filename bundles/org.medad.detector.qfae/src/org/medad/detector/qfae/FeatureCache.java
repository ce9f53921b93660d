package org.medad.detector.qfae;

import java.util.HashMap;
import java.util.Map;

import org.medad.detector.qfae.net.QfaeAutoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The frozen encoder's output per training image, kept between epochs when nothing augments the images (the
 * encoder is most of the forward pass). Each image is encoded on its own, cached or not, so a run gives the same
 * numbers whatever is cached and a resumed run repeats the unbroken one exactly. Images beyond the budget are
 * encoded every time.
 */
final class FeatureCache implements AutoCloseable {
	private final QfaeAutoencoder autoencoder;
	private final long budget;
	private final NDManager manager;
	private final Map<Integer, NDArray> encoded = new HashMap<>();
	private long bytes;

	FeatureCache(QfaeAutoencoder autoencoder, long budgetBytes) {
		this.autoencoder = autoencoder;
		this.budget = budgetBytes;
		this.manager = autoencoder.manager().newSubManager();
	}

	/** The encoding of {@code x} (B, 3, S, S), whose rows are training images {@code indices}, in x's manager. */
	NDArray encode(NDArray x, int[] indices) {
		NDList parts = new NDList();
		for (int i = 0; i < indices.length; i++) {
			NDArray e = encoded.get(indices[i]);
			if (e == null) {
				e = autoencoder.encode(x.get(i + ":" + (i + 1)));
				long size = e.size() * Float.BYTES;
				if (bytes + size <= budget) {
					e.attach(manager);
					encoded.put(indices[i], e);
					bytes += size;
				}
			}
			parts.add(e);
		}
		NDArray out = NDArrays.concat(parts, 0);
		out.attach(x.getManager());
		return out;
	}

	@Override
	public void close() {
		manager.close();
	}
}

package org.medad.detector.liverfreq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.compute.ComputeService;
import org.medad.core.detect.AnomalyResult;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.MedadException;
import org.medad.core.image.Resample;
import org.medad.core.image.Volume;
import org.medad.core.model.Tensor;
import org.medad.core.settings.Settings;
import org.medad.nn.checkpoint.StateDicts;

import ai.djl.ndarray.NDArray;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/**
 * A trained liver detector: test image → high-pass → reconstruction → segmentation of concat(I_r, image) → map
 * (softmax channel 1, unsmoothed) and score (max of the sf×sf mean-filtered map). Holds its networks in its own
 * manager until closed.
 */
final class LiverFreqModel implements TrainedModel {
	private final DetectorDescriptor descriptor;
	private final Settings settings;
	private final LiverFreqConfig config;
	private final NDManager manager;
	private final LiverFreqNetworks nets;
	private final float scale;
	private final float alpha;
	private final Map<String, Object> training;

	LiverFreqModel(DetectorDescriptor descriptor, Settings settings, LiverFreqConfig config, NDManager manager,
			LiverFreqNetworks nets, float scale, float alpha, Map<String, Object> training) {
		this.descriptor = descriptor;
		this.settings = settings;
		this.config = config;
		this.manager = manager;
		this.nets = nets;
		this.scale = scale;
		this.alpha = alpha;
		this.training = training;
		nets.train(false);
	}

	@Override
	public String device() {
		Device d = manager.getDevice();
		return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
	}

	@Override
	public DetectorDescriptor descriptor() {
		return descriptor;
	}

	@Override
	public Settings settings() {
		return settings;
	}

	@Override
	public AnomalyResult score(Volume slice) throws MedadException {
		return scoreBatch(List.of(slice)).get(0);
	}

	@Override
	public synchronized List<AnomalyResult> scoreBatch(List<Volume> slices) throws MedadException {
		int s = config.size();
		float[][] planes = new float[slices.size()][];
		for (int i = 0; i < planes.length; i++) {
			Volume v = slices.get(i);
			float[] px = Resample.bilinear(TrainingSet.pixels(v, config.window()), v.width(), v.height(), s, s);
			for (int j = 0; j < px.length; j++) {
				px[j] = Math.min(1f, Math.max(0f, px[j] / scale));
			}
			planes[i] = px;
		}
		List<AnomalyResult> out = new ArrayList<>();
		try (NDManager batch = manager.newSubManager()) {
			NDArray[] result = nets.forward(batch, planes, alpha);
			float[] scores = new float[planes.length];
			float[][] maps = nets.score(result[1], scores);
			for (int i = 0; i < planes.length; i++) {
				out.add(new AnomalyResult(scores[i], maps[i], s, s));
			}
		}
		return out;
	}

	@Override
	public Map<String, Tensor> weights() {
		return weights(nets, scale, alpha);
	}

	@Override
	public Map<String, Object> preprocessing() {
		return preprocessing(config, scale, training);
	}

	/** The package's tensors: both networks by their PyTorch names, plus the intensity scale and the final α. */
	static Map<String, Tensor> weights(LiverFreqNetworks nets, float scale, float alpha) {
		Map<String, Tensor> w = new LinkedHashMap<>(StateDicts.save(nets));
		w.put("scale", Tensor.of(new float[] { scale }, 1));
		w.put("alpha", Tensor.of(new float[] { alpha }, 1));
		return w;
	}

	static Map<String, Object> preprocessing(LiverFreqConfig config, float scale, Map<String, Object> training) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("resize", "bilinear to " + config.size() + "x" + config.size());
		p.put("intensity", config.window() != null ? config.window().describe()
				: "divided by " + scale + " (median 99th percentile of the training slices), clamped to [0, 1]");
		p.put("highPass", config.highPass() ? "Butterworth n=" + config.order() + " D0=" + config.cutoff() + " at 256 px"
				: "off");
		p.put("training", training);
		return p;
	}

	/**
	 * Loads package tensors into {@code nets}; returns α. With {@code expectedScale} (not NaN) the package's intensity
	 * scale must equal it, as when a checkpoint is resumed on the data it was trained on.
	 */
	static float restoreWeights(LiverFreqNetworks nets, Map<String, Tensor> w, float expectedScale)
			throws MedadException {
		Map<String, Tensor> state = new LinkedHashMap<>(w);
		Tensor scale = state.remove("scale");
		Tensor alpha = state.remove("alpha");
		if (scale == null || alpha == null) {
			throw new org.medad.core.error.ModelException("liverfreq package lacks the 'scale' or 'alpha' tensor");
		}
		if (!Float.isNaN(expectedScale) && scale.data()[0] != expectedScale) {
			throw new org.medad.core.error.ModelException("liverfreq checkpoint was trained with intensity scale "
					+ scale.data()[0] + " but the training slices give " + expectedScale + ": not the same data");
		}
		StateDicts.load(nets, state, "liverfreq weights");
		return alpha.data()[0];
	}

	@Override
	public void close() {
		manager.close();
	}

	static LiverFreqModel restore(ComputeService compute, DetectorDescriptor d, Settings settings,
			Map<String, Tensor> w) throws MedadException {
		LiverFreqConfig c = LiverFreqConfig.of(settings);
		NDManager m = compute.newManager(compute.preferred());
		try {
			LiverFreqNetworks nets = new LiverFreqNetworks(m, c);
			float alpha = restoreWeights(nets, w, Float.NaN);
			return new LiverFreqModel(d, settings, c, m, nets, w.get("scale").data()[0], alpha, Map.of());
		} catch (MedadException | RuntimeException e) {
			m.close();
			throw e;
		}
	}
}

package org.medad.detector.mvfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medad.testing.Close.assertClose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medad.compute.ComputeDevice;
import org.medad.compute.ComputeService;
import org.medad.core.model.Tensor;
import org.medad.detector.mvfa.net.InplantedClip;
import org.medad.detector.mvfa.score.MemoryBank;
import org.medad.detector.mvfa.score.ScoreParts;
import org.medad.core.detect.AnomalyResult;
import org.medad.detector.mvfa.score.ZeroShot;
import org.medad.detector.mvfa.text.Prompts;
import org.medad.detector.mvfa.text.TextFeatures;
import org.medad.detector.mvfa.train.SupportAugment;
import org.medad.importer.Imported;
import org.medad.importer.clip.OpenAiClipImporter;
import org.medad.nn.checkpoint.Checkpoints;
import org.medad.nn.checkpoint.NumpyArchive;
import org.medad.nn.checkpoint.StateDicts;
import org.medad.nn.clip.ClipConfig;
import org.medad.nn.clip.ClipTokenizer;
import org.medad.nn.clip.TextTransformer;
import org.medad.testing.Services;
import org.medad.testing.SharedData;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The acceptance test of MVFA (issue 14): the official code's outputs on {@code ../shared/fixtures/mvfa-micro}
 * (its README), reproduced from the TorchScript archive and the adapter checkpoint: the imported weights, tokenizer
 * ids (exactly), text features, level tokens, zero-shot logits, maps and scores, the support augmentations, the
 * memory-bank distances, the few-shot maps and the final set-normalised scores, within 1e-4.
 */
class ParityTest {
	static final double TOL = 1e-4;
	static final int SIDE = 240;
	static final int[] LEVELS = { 6, 12, 18, 24 };
	static Path dir;
	static Map<String, Tensor> out;
	static NDManager m;
	static ClipConfig config;
	static Imported imported;
	static InplantedClip net;
	static TextTransformer text;

	@BeforeAll
	static void load() throws Exception {
		dir = SharedData.fixtures("mvfa-micro");
		out = NumpyArchive.read(dir.resolve("outputs.npz"));
		m = Services.get(ComputeService.class).newManager(ComputeDevice.CPU);
		List<String> log = new ArrayList<>();
		imported = new OpenAiClipImporter().convert(m, Checkpoints.read(dir.resolve("ViT-micro-14-336px.pt")),
				dir.resolve("ViT-micro-14-336.json").toString(), log::add);
		config = (ClipConfig) imported.settings().get("config");
		net = new InplantedClip(m, config.vision(), LEVELS, config.embedDim());
		Map<String, Tensor> w = new LinkedHashMap<>();
		imported.weights().forEach((k, v) -> {
			if (k.startsWith("visual.") && !k.equals("visual.proj")) {
				w.put(k, v);
			}
		});
		w.putAll(Checkpoints.unwrap(Checkpoints.read(dir.resolve("adapters.pth"))));
		StateDicts.load(net, w, "mvfa-micro");
		text = config.textTower(m);
		StateDicts.load(text, StateDicts.under(imported.weights(), "text."), "mvfa-micro text");
	}

	@AfterAll
	static void close() {
		if (m != null) {
			m.close();
		}
	}

	@Test
	void importedWeightsAreTheOfficialLoaders() throws Exception {
		Map<String, Tensor> official = Checkpoints.read(dir.resolve("clip_state_dict.pth"));
		assertEquals(2, config.text().heads(), "text heads from the configuration file, not width / 64");
		assertEquals(17, config.vision().grid());
		assertClose(official.get("visual.positional_embedding").data(), imported.weights().get("visual.pos_embed").data(),
				1e-6, "position table 24x24 -> 17x17, AA bicubic");
		assertClose(official.get("visual.conv1.weight").data(),
				imported.weights().get("visual.patch_embed.proj.weight").data(), 0, "fp16 weights widened exactly");
		assertClose(official.get("transformer.resblocks.3.attn.in_proj_weight").data(),
				imported.weights().get("text.blocks.3.attn.qkv.weight").data(), 0, "text attention");
	}

	@Test
	void promptsTokenizeExactlyAndEncodeAsTheOfficialCode() throws Exception {
		ClipTokenizer tokenizer = ClipTokenizer.bundled();
		for (String cls : new String[] { "Brain", "Chest" }) {
			String object = Prompts.OBJECT_NAMES.get(cls.toLowerCase());
			List<String> sentences = new ArrayList<>(Prompts.normal(object));
			sentences.addAll(Prompts.abnormal(object));
			int[][] ids = TextFeatures.tokens(tokenizer, sentences, 77);
			Tensor expected = out.get("text_tokens_" + cls);
			assertArrayEquals(new long[] { 420, 77 }, expected.shape());
			float[] e = expected.data();
			for (int i = 0; i < 420; i++) {
				for (int j = 0; j < 77; j++) {
					assertEquals((int) e[i * 77 + j], ids[i][j], cls + " sentence " + i + " token " + j);
				}
			}
			try (NDManager s = m.newSubManager()) {
				assertClose(out.get("text_embed_raw_" + cls), TextFeatures.raw(s, text, ids), TOL, cls + " raw embeddings");
				assertClose(out.get("text_features_" + cls), TextFeatures.compute(s, text, tokenizer, object, 77), TOL,
						cls + " text features");
			}
		}
	}

	static NDArray queries(NDManager s) {
		return images(s, out.get("query_uint8"));
	}

	static NDArray images(NDManager s, Tensor u8) {
		float[] v = u8.data();
		float[] x = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			x[i] = v[i] / 255f;
		}
		return s.create(x, new Shape(u8.shape()));
	}

	static NDArray features(NDManager s, String cls) {
		return s.create(out.get("text_features_" + cls).data(), new Shape(config.embedDim(), 2));
	}

	@Test
	void levelTokensAndZeroShotOutputs() throws Exception {
		try (NDManager s = m.newSubManager()) {
			InplantedClip.Tokens t = net.forward(queries(s));
			assertClose(out.get("seg_tokens"), NDArrays.stack(new NDList(t.seg()), 0), TOL, "seg tokens");
			assertClose(out.get("det_tokens"), NDArrays.stack(new NDList(t.det()), 0), TOL, "det tokens");
			for (String cls : new String[] { "Brain", "Chest" }) {
				NDArray tf = features(s, cls);
				NDList logits = new NDList();
				NDList probs = new NDList();
				NDArray score = null;
				NDArray map = null;
				for (int l = 0; l < LEVELS.length; l++) {
					NDArray seg = ZeroShot.logits(t.seg().get(l), tf);
					logits.add(seg);
					NDArray det = ZeroShot.logits(t.det().get(l), tf);
					probs.add(ZeroShot.patchProbabilities(det));
					NDArray level = ZeroShot.map(seg, SIDE);
					map = map == null ? level : map.add(level);
					NDArray image = ZeroShot.imageScore(det);
					score = score == null ? image : score.add(image);
				}
				assertClose(out.get("zero_seg_logits_" + cls), NDArrays.stack(logits, 0), TOL, cls + " zero-shot logits");
				assertClose(out.get("zero_det_probs_" + cls), NDArrays.stack(probs, 0), TOL, cls + " det probabilities");
				assertClose(out.get("zero_image_score_raw_" + cls), score, TOL, cls + " zero-shot image scores");
				if (cls.equals("Brain")) {
					assertClose(out.get("zero_pixel_raw_Brain"), map.reshape(3, 1, SIDE, SIDE), TOL, "zero-shot maps");
					assertClose(out.get("zero_pixel_norm_Brain").data(), minMax(map.toFloatArray()), TOL,
							"zero-shot maps min-maxed");
				}
			}
		}
	}

	@Test
	void supportsAugmentAsTheOfficialCode() {
		SupportAugment augment = new SupportAugment(m);
		float[][] thetas = augment.matrices();
		float[] expected = out.get("augment_affine_matrices").data();
		for (int i = 0; i < 8; i++) {
			assertClose(java.util.Arrays.copyOfRange(expected, i * 6, i * 6 + 6), thetas[i], 0, "matrix " + i);
		}
		List<float[]> abnormal = supports("support_abnormal_uint8", 3);
		float[] grey = new float[SupportAugment.VARIANTS * SIDE * SIDE];
		for (int v = 0; v < SupportAugment.VARIANTS; v++) {
			float[] a = augment.variant(abnormal.get(0), 3, SIDE, SIDE, v);
			System.arraycopy(a, 0, grey, v * SIDE * SIDE, SIDE * SIDE);
		}
		assertClose(out.get("augment_abnormal0_img").data(), grey, 1e-5, "11 variants of abnormal support 0");
		List<float[]> masks = augment.all(supports("support_abnormal_mask_uint8", 1), 1, SIDE, SIDE);
		float[] flat = new float[masks.size() * SIDE * SIDE];
		for (int i = 0; i < masks.size(); i++) {
			System.arraycopy(masks.get(i), 0, flat, i * SIDE * SIDE, SIDE * SIDE);
		}
		// sharp 0/1 edges turn the last-bit differences of ATen's grid coordinates (its vectorised linspace and
		// matrix product) into up to 2.4e-5 here, the images stay within 1e-5; the masks are thresholded at 0.5 next
		assertClose(out.get("augment_abnormal_mask").data(), flat, TOL, "augmented masks");
		checksums(augment.all(abnormal, 3, SIDE, SIDE), out.get("augment_abnormal_img_checksum"), "abnormal");
		checksums(augment.all(supports("support_normal_uint8", 3), 3, SIDE, SIDE),
				out.get("augment_normal_img_checksum"), "normal");
	}

	private static void checksums(List<float[]> images, Tensor expected, String what) {
		float[] e = expected.data();
		for (int i = 0; i < images.size(); i++) {
			for (int c = 0; c < 3; c++) {
				double sum = 0;
				double squares = 0;
				for (int p = c * SIDE * SIDE; p < (c + 1) * SIDE * SIDE; p++) {
					sum += images.get(i)[p];
					squares += (double) images.get(i)[p] * images.get(i)[p];
				}
				assertEquals(e[(i * 3 + c) * 2], sum, 1e-5 * Math.abs(e[(i * 3 + c) * 2]) + 1e-3, what + " " + i + " sum");
				assertEquals(e[(i * 3 + c) * 2 + 1], squares, 1e-5 * Math.abs(e[(i * 3 + c) * 2 + 1]) + 1e-3,
						what + " " + i + " squares");
			}
		}
	}

	/** Images of a (k, [c,] h, w) uint8 array as float CHW in [0, 1]. */
	static List<float[]> supports(String name, int channels) {
		Tensor t = out.get(name);
		int per = channels * SIDE * SIDE;
		List<float[]> list = new ArrayList<>();
		for (int k = 0; k < t.shape()[0]; k++) {
			float[] x = new float[per];
			for (int i = 0; i < per; i++) {
				x[i] = t.data()[k * per + i] / 255f;
			}
			list.add(x);
		}
		return list;
	}

	@Test
	void fewShotMapsAndFinalScores() throws Exception {
		try (NDManager s = m.newSubManager()) {
			List<float[]> normals = new SupportAugment(s).all(supports("support_normal_uint8", 3), 3, SIDE, SIDE);
			float[] flat = new float[normals.size() * 3 * SIDE * SIDE];
			for (int i = 0; i < normals.size(); i++) {
				System.arraycopy(normals.get(i), 0, flat, i * 3 * SIDE * SIDE, 3 * SIDE * SIDE);
			}
			InplantedClip.Tokens bankTokens = net.forward(s.create(flat, new Shape(normals.size(), 3, SIDE, SIDE)));
			InplantedClip.Tokens q = net.forward(queries(s));
			for (String cls : new String[] { "Brain", "Chest" }) {
				boolean pixel = cls.equals("Brain");
				try (MemoryBank bank = MemoryBank.of(pixel ? bankTokens.seg() : bankTokens.det())) {
					assertEquals(22 * 290, bank.rows());
					NDList dist = new NDList();
					NDArray map = null;
					for (int l = 0; l < LEVELS.length; l++) {
						NDArray d = bank.distances(l, (pixel ? q.seg() : q.det()).get(l));
						dist.add(d);
						NDArray level = MemoryBank.map(d, SIDE);
						map = map == null ? level : map.add(level);
					}
					assertClose(out.get("few_min_dist_" + cls), NDArrays.stack(dist, 0), TOL, cls + " bank distances");
					if (pixel) {
						assertClose(out.get("few_map_raw_Brain"), map.reshape(3, 1, SIDE, SIDE), TOL, "few-shot maps");
					} else {
						assertClose(out.get("few_score_raw_Chest"), map.reshape(3, -1).mean(new int[] { 1 }), TOL,
								"Chest few-shot scores");
					}
					// the final scores as the product computes them: the queries' parts, normalised over the set
					NDArray tf = features(s, cls);
					List<NDArray> zeroScore = new ArrayList<>();
					List<NDArray> logits = new ArrayList<>();
					for (int l = 0; l < LEVELS.length; l++) {
						zeroScore.add(ZeroShot.imageScore(ZeroShot.logits(q.det().get(l), tf)));
						logits.add(ZeroShot.logits(q.seg().get(l), tf));
					}
					ScoreParts.Layout layout = new ScoreParts.Layout(LEVELS.length, 289, true, pixel, SIDE);
					List<float[]> parts = ScoreParts.pack(layout, zeroScore, logits, new ArrayList<>(dist));
					var scorer = ScoreParts.normaliser(s, layout, parts);
					float[] combined = new float[3 * SIDE * SIDE];
					float[] scores = new float[3];
					for (int i = 0; i < 3; i++) {
						AnomalyResult r = scorer.result(parts.get(i));
						System.arraycopy(r.map(), 0, combined, i * SIDE * SIDE, r.map().length);
						scores[i] = (float) r.score();
					}
					if (pixel) {
						assertClose(out.get("few_segment_scores_Brain").data(), combined, TOL, "combined pixel scores");
					}
					assertClose(out.get("few_image_scores_" + cls).data(), scores, TOL, cls + " image scores");
				}
			}
		}
	}

	/**
	 * The official code's first two training steps (Brain, pixel branch): per-level intermediates and loss terms,
	 * the totals, the gradients of all adapter weights (level 4's fc2 has none: nothing reads it), and the weights
	 * after both Adam steps (lr 1e-3, betas 0.5, 0.999).
	 */
	@Test
	void twoTrainingStepsAsTheOfficialCode() throws Exception {
		try (NDManager s = m.newSubManager()) {
			InplantedClip train = new InplantedClip(s, config.vision(), LEVELS, config.embedDim());
			Map<String, Tensor> w = new LinkedHashMap<>();
			imported.weights().forEach((k, v) -> {
				if (k.startsWith("visual.") && !k.equals("visual.proj")) {
					w.put(k, v);
				}
			});
			for (String head : new String[] { "seg", "det" }) {
				for (String fc : new String[] { "fc1", "fc2" }) {
					Tensor init = out.get("train_init_" + head + "_" + fc);
					int per = (int) (init.shape()[1] * init.shape()[2]);
					for (int l = 0; l < 4; l++) {
						w.put(head + "_adapters." + l + "." + fc + ".0.weight", new Tensor(new long[] { init.shape()[1],
								init.shape()[2] }, java.util.Arrays.copyOfRange(init.data(), l * per, (l + 1) * per)));
					}
				}
			}
			StateDicts.load(train, w, "train_init");
			NDArray tf = s.create(out.get("train_text_features").data(), new Shape(config.embedDim(), 2));
			Map<String, NDArray> seg = weights(train.segAdapters());
			Map<String, NDArray> det = weights(train.detAdapters());
			org.medad.nn.optim.Adam segAdam = new org.medad.nn.optim.Adam(t -> 1e-3, t -> 0.5);
			org.medad.nn.optim.Adam detAdam = new org.medad.nn.optim.Adam(t -> 1e-3, t -> 0.5);
			ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
			seg.values().forEach(a -> a.setRequiresGradient(true));
			det.values().forEach(a -> a.setRequiresGradient(true));
			for (int step = 0; step < 2; step++) {
				String p = "train_step" + step + "_";
				try (NDManager b = s.newSubManager()) {
					NDArray x = b.create(out.get(p + "image").data(), new Shape(1, 3, SIDE, SIDE));
					NDArray mask = org.medad.nn.Module.owned(b, binary(out.get(p + "gt").data()), new Shape(1, SIDE, SIDE));
					NDArray label = org.medad.nn.Module.owned(b, out.get(p + "label").data(), new Shape(1));
					org.medad.detector.mvfa.train.MvfaLoss.Terms terms;
					try (ai.djl.training.GradientCollector gc = engine.newGradientCollector()) {
						InplantedClip.Tokens t = train.forward(x);
						NDList logits = new NDList();
						NDList probs = new NDList();
						NDList scores = new NDList();
						for (int l = 0; l < 4; l++) {
							logits.add(ZeroShot.logits(t.seg().get(l), tf).squeeze(0));
							NDArray detLogits = ZeroShot.logits(t.det().get(l), tf);
							probs.add(ZeroShot.patchProbabilities(detLogits).squeeze(0));
							scores.add(ZeroShot.imageScore(detLogits));
						}
						assertClose(out.get(p + "seg_logits"), NDArrays.stack(logits, 0), TOL, p + "seg logits");
						assertClose(out.get(p + "det_probs"), NDArrays.stack(probs, 0), TOL, p + "det probabilities");
						assertClose(out.get(p + "det_score"), NDArrays.concat(scores, 0), TOL, p + "det scores");
						terms = org.medad.detector.mvfa.train.MvfaLoss.of(t, tf, mask, label, SIDE);
						assertClose(out.get(p + "focal"), NDArrays.stack(new NDList(terms.focal()), 0), TOL, p + "focal");
						assertClose(out.get(p + "dice"), NDArrays.stack(new NDList(terms.dice()), 0), TOL, p + "dice");
						assertClose(out.get(p + "bce"), NDArrays.stack(new NDList(terms.bce()), 0), TOL, p + "bce");
						assertEquals(out.get(p + "seg_loss").data()[0], terms.segLoss().getFloat(), TOL, p + "seg loss");
						assertEquals(out.get(p + "det_loss").data()[0], terms.detLoss().getFloat(), TOL, p + "det loss");
						assertEquals(out.get(p + "loss").data()[0], terms.loss().getFloat(), TOL, p + "loss");
						// a collection before the backward pass frees any Java buffer an engine tensor still points
						// into (DJL's arithmetic with a Java number stages one): the gradients would then be garbage
						System.gc();
						gc.backward(terms.loss());
					}
					Map<String, NDArray> segGrads = gradients(seg, b);
					Map<String, NDArray> detGrads = gradients(det, b);
					for (String fc : new String[] { "fc1", "fc2" }) {
						assertClose(out.get(p + "grad_seg_" + fc), stacked(segGrads, fc), 1e-5, p + "seg " + fc + " gradients");
						assertClose(out.get(p + "grad_det_" + fc), stacked(detGrads, fc), 1e-5, p + "det " + fc + " gradients");
					}
					segAdam.step(seg, segGrads);
					detAdam.step(det, detGrads);
					seg.values().forEach(a -> a.getGradient().subi(a.getGradient()));
					det.values().forEach(a -> a.getGradient().subi(a.getGradient()));
					for (String fc : new String[] { "fc1", "fc2" }) {
						assertClose(out.get(p + "after_seg_" + fc), stacked(seg, fc), TOL, p + "seg " + fc + " after Adam");
						assertClose(out.get(p + "after_det_" + fc), stacked(det, fc), TOL, p + "det " + fc + " after Adam");
					}
				}
			}
		}
	}

	private static float[] binary(float[] gt) {
		float[] b = new float[gt.length];
		for (int i = 0; i < b.length; i++) {
			b[i] = gt[i] > 0.5f ? 1f : 0f;
		}
		return b;
	}

	private static Map<String, NDArray> weights(org.medad.nn.Module adapters) {
		Map<String, NDArray> w = new LinkedHashMap<>();
		adapters.namedParams().forEach((k, v) -> w.put(k, v.get()));
		return w;
	}

	private static Map<String, NDArray> gradients(Map<String, NDArray> weights, NDManager b) {
		Map<String, NDArray> g = new LinkedHashMap<>();
		weights.forEach((k, v) -> g.put(k, v.getGradient().duplicate()));
		g.values().forEach(a -> a.attach(b));
		return g;
	}

	/** Level tensors "L.fc1.0.weight" stacked to (4, out, in). */
	private static NDArray stacked(Map<String, NDArray> byName, String fc) {
		NDList list = new NDList();
		for (int l = 0; l < 4; l++) {
			list.add(byName.get(l + "." + fc + ".0.weight"));
		}
		return NDArrays.stack(list, 0);
	}

	/** (v - min) / (max - min) over all values, as the official {@code normalize}. */
	static float[] minMax(float[] v) {
		float lo = Float.POSITIVE_INFINITY;
		float hi = Float.NEGATIVE_INFINITY;
		for (float x : v) {
			lo = Math.min(lo, x);
			hi = Math.max(hi, x);
		}
		float[] out = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = (v[i] - lo) / (hi - lo);
		}
		return out;
	}
}

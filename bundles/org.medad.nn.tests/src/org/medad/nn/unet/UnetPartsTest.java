package org.medad.nn.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.medad.nn.NnTesting.array;
import static org.medad.nn.NnTesting.assertClose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.model.Tensor;
import org.medad.nn.NnTesting;
import org.medad.nn.checkpoint.StateDicts;

import ai.djl.ndarray.NDManager;

/** BatchNorm in both modes (with the running-statistics update), DoubleConv and the weight-decayed skip vs PyTorch. */
class UnetPartsTest {
	@TempDir
	Path tmp;

	private static Map<String, Tensor> weights(Map<String, Tensor> f, String... drop) {
		Map<String, Tensor> w = new LinkedHashMap<>(f);
		w.keySet().removeIf(k -> k.startsWith("out.") || k.startsWith("after.") || java.util.Arrays.asList(drop).contains(k));
		return w;
	}

	@Test
	void doubleConvInEvaluationAndTraining() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("unet_doubleconv.safetensors", tmp);
		try (NDManager m = NnTesting.manager()) {
			DoubleConv dc = new DoubleConv(m, 3, 6, 4, false);
			StateDicts.load(dc, weights(f, "input"), "fixture");
			var x = array(m, f.get("input"));
			assertClose(f.get("out.eval"), dc.forward(x), 1e-5, "eval (running statistics)");
			dc.train(true);
			assertClose(f.get("out.train"), dc.forward(x), 1e-4, "train (batch statistics)");
			Map<String, Tensor> after = StateDicts.save(dc);
			for (String k : new String[] { "double_conv.1.running_mean", "double_conv.1.running_var",
					"double_conv.4.running_mean", "double_conv.4.running_var", "double_conv.1.num_batches_tracked" }) {
				assertClose(f.get("after." + k).data(), after.get(k).data(), 1e-5, k + " after one training step");
			}
		}
	}

	@Test
	void weightDecayedSkipMixesEncoderAndUpsampledDecoder() throws Exception {
		Map<String, Tensor> f = NnTesting.tensors("unet_up.safetensors", tmp);
		try (NDManager m = NnTesting.manager()) {
			WeightDecayUp up = new WeightDecayUp(m, 8, 4);
			StateDicts.load(up, weights(f, "decoder", "skip"), "fixture");
			var out = up.forward(array(m, f.get("decoder")), array(m, f.get("skip")), 0.3f);
			assertClose(f.get("out.alpha0.3"), out, 1e-4, "alpha 0.3");
			assertArrayEquals(new long[] { 1, 4, 8, 8 }, out.getShape().getShape());
		}
	}
}

package org.medad.importer.vit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.model.Tensor;
import org.medad.nn.resample.PatchEmbedResample;
import org.medad.nn.resample.PositionEmbeddingResample;
import org.medad.nn.vit.VitConfig;

/** A ViT's position table to the configured grid and its patch kernel to the configured patch size. */
public final class VitResample {
	private VitResample() {
	}

	/**
	 * @param prefix where the ViT's keys start in {@code sd}
	 * @param steps  receives one line per resampling done
	 */
	public static Map<String, Tensor> adapt(Map<String, Tensor> sd, VitConfig c, String prefix, List<String> steps) {
		Map<String, Tensor> out = new LinkedHashMap<>(sd);
		Tensor pos = sd.get(prefix + "pos_embed");
		int cls = c.posIncludesCls() && c.clsToken() ? 1 : 0;
		if (pos != null && pos.shape().length == 3 && pos.shape()[2] == c.dim()) {
			long rows = pos.shape()[1] - cls;
			int grid = (int) Math.round(Math.sqrt(rows));
			if ((long) grid * grid == rows && grid != c.grid()) {
				float[] r = PositionEmbeddingResample.resample(pos.data(), cls, grid, c.grid(), c.dim());
				out.put(prefix + "pos_embed", new Tensor(new long[] { 1, cls + (long) c.grid() * c.grid(), c.dim() }, r));
				steps.add("position table " + grid + "x" + grid + " -> " + c.grid() + "x" + c.grid() + " (AA-bicubic)");
			}
		}
		Tensor kernel = sd.get(prefix + "patch_embed.proj.weight");
		if (kernel != null && kernel.shape().length == 4 && kernel.shape()[2] == kernel.shape()[3]
				&& kernel.shape()[2] != c.patchSize()) {
			int old = (int) kernel.shape()[2];
			float[] r = PatchEmbedResample.resample(kernel.data(), (int) kernel.shape()[0], (int) kernel.shape()[1], old,
					c.patchSize());
			out.put(prefix + "patch_embed.proj.weight", new Tensor(
					new long[] { kernel.shape()[0], kernel.shape()[1], c.patchSize(), c.patchSize() }, r));
			steps.add("patch kernel " + old + " -> " + c.patchSize() + " (FlexiViT pseudo-inverse)");
		}
		return out;
	}
}

package org.medad.detector.qfae.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.nn.Container;
import org.medad.nn.Init;
import org.medad.nn.Module;
import org.medad.nn.Param;
import org.medad.nn.layer.Conv2d;
import org.medad.nn.resample.PatchEmbedResample;
import org.medad.nn.resample.PositionEmbeddingResample;
import org.medad.nn.vit.Block;
import org.medad.nn.vit.VitConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * QFAE's frozen perceptual model (METHODS.md §1.5): one MAE ViT (timm names, patch 16 at 224, cls row in the
 * position table) run at several patch sizes. The copies the reference builds per patch size differ only in the
 * patch kernel (FlexiViT pseudo-inverse) and the position table (AA-bicubic), so the blocks are held once and
 * each patch size gets only its two embeddings, derived from the native ones by {@link #prepare}. Blocks after the
 * deepest layer used are not built and the final norm never runs (features are taken before it).
 */
public final class PerceptualModel extends Module {
	private final VitConfig config;
	private final Conv2d patchEmbed;
	private final Param clsToken;
	private final Param posEmbed;
	private final List<Block> blocks = new ArrayList<>();
	private final Map<Integer, NDArray[]> scales = new LinkedHashMap<>();

	/** @param config the native model (patch 16); {@code config.depth()} = blocks kept = deepest layer used + 1 */
	public PerceptualModel(NDManager m, VitConfig config) {
		super(m);
		this.config = config;
		this.patchEmbed = child("patch_embed", new Container(m)).add("proj", new Conv2d(m, config.inChans(),
				config.dim(), config.patchSize(), config.patchSize(), 0, true));
		this.clsToken = param("cls_token", Init.normal(m, 1e-6, 1, 1, config.dim()));
		this.posEmbed = param("pos_embed", Init.normal(m, 0.02, 1, 1 + (long) config.grid() * config.grid(),
				config.dim()));
		Container list = child("blocks", new Container(m));
		for (int i = 0; i < config.depth(); i++) {
			blocks.add(list.add(Integer.toString(i), new Block(m, config.dim(), config.heads(), config.mlpDim(),
					config.qkvBias(), false, config.eps(), config.act())));
		}
	}

	public VitConfig config() {
		return config;
	}

	/**
	 * Derives the patch kernel and position table of each patch size from the native (loaded) ones; call after
	 * loading weights. Patch sizes must divide the image size.
	 */
	public void prepare(int... patches) {
		scales.values().forEach(e -> java.util.Arrays.stream(e).forEach(NDArray::close));
		scales.clear();
		int img = config.imgSize();
		int nativePatch = config.patchSize();
		int dim = config.dim();
		float[] kernel = patchEmbed.weight().get().toFloatArray();
		float[] table = posEmbed.get().toFloatArray();
		for (int p : Arrays.stream(patches).distinct().toArray()) {
			if (img % p != 0) {
				throw new IllegalArgumentException("perceptual patch size " + p + " does not divide image size " + img);
			}
			int grid = img / p;
			float[] w = p == nativePatch ? kernel
					: PatchEmbedResample.resample(kernel, dim, config.inChans(), nativePatch, p);
			float[] pos = PositionEmbeddingResample.resample(table, 1, config.grid(), grid, dim);
			scales.put(p, new NDArray[] { owned(manager, w, new Shape(dim, config.inChans(), p, p)),
					owned(manager, pos, new Shape(1, 1 + (long) grid * grid, dim)) });
		}
	}

	/** The patch kernel and position table in use at patch size {@code p} (for checks against the reference). */
	public NDArray[] embeddings(int p) {
		NDArray[] e = scales.get(p);
		if (e == null) {
			throw new IllegalStateException("perceptual patch size " + p + " was not prepared");
		}
		return e;
	}

	/**
	 * Block outputs {@code layers} (0-based, before the final norm, cls dropped) at patch size {@code p}, each
	 * (B, dim, n, n) with n = image / p, in the order asked.
	 */
	public NDList features(NDArray images, int p, int... layers) {
		NDArray[] e = embeddings(p);
		int last = Arrays.stream(layers).max().orElse(-1);
		if (last >= blocks.size()) {
			throw new IllegalArgumentException("perceptual layer " + last + " asked of " + blocks.size() + " blocks");
		}
		long b = images.getShape().get(0);
		int n = config.imgSize() / p;
		long dim = config.dim();
		NDArray x = scoped(images, im -> {
			NDArray patches = ai.djl.nn.convolutional.Conv2d.conv2d(im, e[0], patchEmbed.bias().get(), new Shape(p, p),
					new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow().reshape(b, dim, (long) n * n)
					.transpose(0, 2, 1);
			NDArray cls = local(clsToken.get().broadcast(b, 1, dim), im);
			return NDArrays.concat(new NDList(cls, patches), 1).add(e[1]);
		});
		NDArray[] out = new NDArray[layers.length];
		for (int i = 0; i <= last; i++) {
			NDArray next = blocks.get(i).forward(x, null);
			x.close();
			x = next;
			for (int j = 0; j < layers.length; j++) {
				if (layers[j] == i) {
					NDArray tokens = x;
					out[j] = scoped(tokens, t -> t.get(":, 1:, :").transpose(0, 2, 1).reshape(b, dim, n, n));
				}
			}
		}
		x.close();
		return new NDList(out);
	}
}

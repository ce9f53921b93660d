package org.medad.nn.vit;

import org.medad.nn.layer.Activation;

/**
 * Every architecture size is a configuration (DESIGN.md): the real ViT-L presets and tiny test models differ only
 * here. {@code posIncludesCls}: the position table has a row for the class token (MAE, CLIP) rather than only the
 * patches (DINOv2 {@code no_embed_class}, whose prefix tokens get no position). {@code preNorm}: CLIP's ln_pre.
 */
public record VitConfig(String name, int imgSize, int patchSize, int inChans, int dim, int depth, int heads, int mlpDim,
		boolean qkvBias, boolean patchBias, boolean layerScale, boolean clsToken, int regTokens, PosEmbed posEmbed,
		boolean posIncludesCls, boolean preNorm, double eps, Activation act) {

	public enum PosEmbed {
		LEARNED, SINCOS, NONE
	}

	public VitConfig {
		if (imgSize % patchSize != 0 && !name.startsWith("clip")) {
			throw new IllegalArgumentException(name + ": image size " + imgSize + " is not a multiple of patch " + patchSize);
		}
	}

	/** Patches per side: floor(img / patch) (CLIP at 240 with patch 14 ignores the last two pixel rows/columns). */
	public int grid() {
		return imgSize / patchSize;
	}

	public int prefixTokens() {
		return (clsToken ? 1 : 0) + regTokens;
	}

	public VitConfig withImage(int size, int patch) {
		return new VitConfig(name, size, patch, inChans, dim, depth, heads, mlpDim, qkvBias, patchBias, layerScale,
				clsToken, regTokens, posEmbed, posIncludesCls, preNorm, eps, act);
	}

	public VitConfig withDepth(int blocks) {
		return new VitConfig(name, imgSize, patchSize, inChans, dim, blocks, heads, mlpDim, qkvBias, patchBias, layerScale,
				clsToken, regTokens, posEmbed, posIncludesCls, preNorm, eps, act);
	}

	/** timm vit_large_patch14_reg4_dinov2 at 224 (QFAE's encoder; position table already resampled to 16×16). */
	public static VitConfig dinov2LargeReg4() {
		return new VitConfig("dinov2-l14-reg4", 224, 14, 3, 1024, 24, 16, 4096, true, true, true, true, 4,
				PosEmbed.LEARNED, false, false, 1e-6, Activation.GELU);
	}

	/** timm vit_base_patch14_reg4_dinov2 at 224 (paper ablation encoder). */
	public static VitConfig dinov2BaseReg4() {
		return new VitConfig("dinov2-b14-reg4", 224, 14, 3, 768, 12, 12, 3072, true, true, true, true, 4,
				PosEmbed.LEARNED, false, false, 1e-6, Activation.GELU);
	}

	/** timm vit_base_patch8_224.dino. */
	public static VitConfig dinoBase8() {
		return new VitConfig("dino-b8", 224, 8, 3, 768, 12, 12, 3072, true, true, false, true, 0, PosEmbed.LEARNED,
				true, false, 1e-6, Activation.GELU);
	}

	/** timm vit_large_patch16_224.mae (QFAE's perceptual model; patch size changed per scale). */
	public static VitConfig maeLarge16() {
		return new VitConfig("mae-l16", 224, 16, 3, 1024, 24, 16, 4096, true, true, false, true, 0, PosEmbed.LEARNED,
				true, false, 1e-6, Activation.GELU);
	}

	/** timm vit_small_patch16_224 (benchmark size). */
	public static VitConfig vitSmall16() {
		return new VitConfig("vit-s16", 224, 16, 3, 384, 12, 6, 1536, true, true, false, true, 0, PosEmbed.LEARNED,
				true, false, 1e-6, Activation.GELU);
	}

	/** OpenAI CLIP ViT-L/14-336 visual tower rebuilt at 240 (MVFA), exact GELU as in MVFA's code. */
	public static VitConfig clipLarge14At240() {
		return new VitConfig("clip-l14-336", 240, 14, 3, 1024, 24, 16, 4096, true, false, false, true, 0,
				PosEmbed.LEARNED, true, true, 1e-5, Activation.GELU);
	}
}

package org.medad.detector.qfae.net;

import org.medad.nn.layer.Activation;
import org.medad.nn.vit.VitConfig;

/**
 * Every size of a QFAE model: the autoencoder (encoder, Q-Former, decoder) and the perceptual model at its native
 * patch size. {@link #published()} is the paper's; {@link #cpu()} trains from random weights on two cores in
 * minutes; others come as JSON (a lab's variant, the micro configuration of the parity fixture).
 */
public record QfaeArchitecture(QfaeAutoencoder.Sizes autoencoder, VitConfig perceptual) {

	public QfaeArchitecture {
		if (perceptual.imgSize() != autoencoder.encoder().imgSize()) {
			throw new IllegalArgumentException("perceptual model at " + perceptual.imgSize() + " px, encoder at "
					+ autoencoder.encoder().imgSize() + " px");
		}
		if (autoencoder.channels() != perceptual.inChans()) {
			throw new IllegalArgumentException("decoder makes " + autoencoder.channels()
					+ " channels, the perceptual model takes " + perceptual.inChans());
		}
	}

	/** DINOv2 ViT-L/14-reg4, Q-Former 768 wide, 6-block decoder, MAE ViT-L/16 (METHODS.md §1.1, §1.5). */
	public static QfaeArchitecture published() {
		return new QfaeArchitecture(QfaeAutoencoder.published(), VitConfig.maeLarge16());
	}

	/**
	 * The paper's encoder ablation: DINOv2 ViT-B/14-reg4 (blocks 10 and 8 taken, 768 wide) in place of ViT-L, the rest
	 * as published.
	 */
	public static QfaeArchitecture publishedBase14() {
		QfaeAutoencoder.Sizes p = QfaeAutoencoder.published();
		return new QfaeArchitecture(new QfaeAutoencoder.Sizes(VitConfig.dinov2BaseReg4(), p.width(), p.queriesSide(),
				p.qformerHeads(), p.crossDimHead(), p.qformerMlp(), p.decoderDepth(), p.decoderHeads(), p.decoderMlp(),
				p.patch(), p.channels()), VitConfig.maeLarge16());
	}

	/**
	 * The CPU preset: the published layout, input size, patch sizes and layers with narrow networks (encoder 4
	 * blocks of 96, Q-Former and decoder 96 wide, 2 decoder blocks, perceptual 20 blocks of 64), random weights.
	 */
	public static QfaeArchitecture cpu() {
		VitConfig encoder = new VitConfig("qfae-cpu-encoder", 224, 14, 3, 96, 4, 4, 384, true, true, true, true, 4,
				VitConfig.PosEmbed.LEARNED, false, false, 1e-6, Activation.GELU);
		VitConfig mae = new VitConfig("qfae-cpu-perceptual", 224, 16, 3, 64, 20, 2, 256, true, true, false, true, 0,
				VitConfig.PosEmbed.LEARNED, true, false, 1e-6, Activation.GELU);
		return new QfaeArchitecture(new QfaeAutoencoder.Sizes(encoder, 96, 28, 4, 64, 384, 2, 4, 384, 8, 3), mae);
	}

	/**
	 * The smallest networks of the layout (16 wide, one block each, perceptual 4 blocks): seconds per step, for the
	 * contract test and smoke runs.
	 */
	public static QfaeArchitecture tiny() {
		VitConfig encoder = new VitConfig("qfae-tiny-encoder", 224, 14, 3, 16, 4, 2, 32, true, true, true, true, 4,
				VitConfig.PosEmbed.LEARNED, false, false, 1e-6, Activation.GELU);
		VitConfig mae = new VitConfig("qfae-tiny-perceptual", 224, 16, 3, 16, 4, 2, 32, true, true, false, true, 0,
				VitConfig.PosEmbed.LEARNED, true, false, 1e-6, Activation.GELU);
		return new QfaeArchitecture(new QfaeAutoencoder.Sizes(encoder, 16, 28, 2, 8, 32, 1, 2, 32, 8, 3), mae);
	}

	public int imageSize() {
		return perceptual.imgSize();
	}
}

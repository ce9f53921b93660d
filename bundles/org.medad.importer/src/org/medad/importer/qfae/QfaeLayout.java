package org.medad.importer.qfae;

import org.medad.nn.Container;
import org.medad.nn.Module;
import org.medad.nn.layer.Linear;
import org.medad.nn.qformer.QFormer;
import org.medad.nn.vit.MaeDecoder;
import org.medad.nn.vit.VisionTransformer;
import org.medad.nn.vit.VitConfig;

import ai.djl.ndarray.NDManager;

/**
 * The module tree of QFAE's {@code MQViTAE} state dict (METHODS.md §1.10): encoders.0.model (DINOv2), the final
 * projection, the Q-Former "junction" and the decoder. The detector runs it; import uses it to check every key and
 * shape of a {@code last_ckpt.pth} before writing a package. It belongs to QFAE: it moves to the QFAE detector
 * bundle with {@link QfaeCheckpointImporter} when that bundle exists.
 */
public final class QfaeLayout extends Module {

	/** Sizes of one QFAE configuration; {@link #published()} is the paper's. */
	public record Sizes(VitConfig encoder, int width, int queriesSide, int qformerHeads, int crossDimHead,
			int qformerMlp, int decoderDepth, int decoderHeads, int decoderMlp, int patch, int channels) {
	}

	public static Sizes published() {
		return new Sizes(VitConfig.dinov2LargeReg4(), 768, 28, 8, 64, 3072, 6, 12, 3072, 8, 3);
	}

	public final VisionTransformer encoder;
	public final Linear projection;
	public final QFormer junction;
	public final MaeDecoder decoder;

	public QfaeLayout(NDManager m, Sizes s) {
		super(m);
		Container encoders = child("encoders", new Container(m));
		Container first = encoders.add("0", new Container(m));
		this.encoder = first.add("model", new VisionTransformer(m, s.encoder()));
		this.projection = first.add("final_projection", new Linear(m, s.encoder().dim(), s.width(), true));
		int queries = s.queriesSide() * s.queriesSide();
		this.junction = child("junction", new QFormer(m, queries, s.width(), s.width(), s.qformerHeads(), s.crossDimHead(),
				s.qformerMlp(), 1, 0.01f));
		this.decoder = child("decoder", new MaeDecoder(m, s.width(), s.width(), s.queriesSide(), s.decoderDepth(),
				s.decoderHeads(), s.decoderMlp(), s.encoder().regTokens(), s.patch(), s.channels()));
	}
}

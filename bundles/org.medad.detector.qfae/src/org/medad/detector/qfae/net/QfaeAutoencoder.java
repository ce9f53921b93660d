package org.medad.detector.qfae.net;

import org.medad.nn.Container;
import org.medad.nn.Module;
import org.medad.nn.layer.Linear;
import org.medad.nn.qformer.QFormer;
import org.medad.nn.vit.MaeDecoder;
import org.medad.nn.vit.VisionTransformer;
import org.medad.nn.vit.VitConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * QFAE's {@code MQViTAE} (METHODS.md §1.1) with the state-dict names of its checkpoints (§1.10): the frozen encoder
 * {@code encoders.0.model}, the trainable {@code encoders.0.final_projection}, the Q-Former {@code junction} and the
 * MAE-style {@code decoder}. Input and output live in the normalised space ((x/255 - 0.449) / 0.226).
 */
public final class QfaeAutoencoder extends Module {

	/**
	 * Sizes of one QFAE configuration; {@link #published()} is the paper's. The encoder blocks taken are
	 * {@code depth - 2} and {@code depth - 4} (the code's hidden states -2, -4), concatenated in that order.
	 */
	public record Sizes(VitConfig encoder, int width, int queriesSide, int qformerHeads, int crossDimHead,
			int qformerMlp, int decoderDepth, int decoderHeads, int decoderMlp, int patch, int channels) {

		public Sizes {
			if (queriesSide * patch != encoder.imgSize()) {
				throw new IllegalArgumentException("decoder grid " + queriesSide + " x patch " + patch
						+ " does not rebuild the " + encoder.imgSize() + " px input");
			}
		}

		/** The encoder blocks (0-based) whose outputs make the context, in concatenation order. */
		public int[] encoderBlocks() {
			if (encoder.depth() < 4) {
				throw new IllegalArgumentException("QFAE takes encoder blocks -2 and -4: the encoder needs 4 blocks or"
						+ " more, not " + encoder.depth());
			}
			return new int[] { encoder.depth() - 2, encoder.depth() - 4 };
		}
	}

	/**
	 * The paper's ablations (METHODS.md §1.3, §1.9): {@code plainAutoencoder} drops the Q-Former (the projected patch
	 * tokens of encoder block -2, prefix dropped, go straight to a decoder on the encoder's grid and patch size);
	 * {@code blip2} gives the Q-Former residual connections and bidirectional self-attention as in BLIP-2 instead of
	 * the official code's quirks.
	 */
	public record Variant(boolean plainAutoencoder, boolean blip2) {
		public static final Variant OFFICIAL = new Variant(false, false);
	}

	public static Sizes published() {
		return new Sizes(VitConfig.dinov2LargeReg4(), 768, 28, 8, 64, 3072, 6, 12, 3072, 8, 3);
	}

	private final Sizes sizes;
	private final Variant variant;
	private final int grid;
	private final int patch;
	public final VisionTransformer encoder;
	public final Linear projection;
	public final QFormer junction;
	public final MaeDecoder decoder;

	public QfaeAutoencoder(NDManager m, Sizes s) {
		this(m, s, Variant.OFFICIAL);
	}

	public QfaeAutoencoder(NDManager m, Sizes s, Variant v) {
		super(m);
		this.sizes = s;
		this.variant = v;
		this.grid = v.plainAutoencoder() ? s.encoder().grid() : s.queriesSide();
		this.patch = v.plainAutoencoder() ? s.encoder().patchSize() : s.patch();
		Container encoders = child("encoders", new Container(m));
		Container first = encoders.add("0", new Container(m));
		this.encoder = first.add("model", new VisionTransformer(m, s.encoder()));
		this.projection = first.add("final_projection", new Linear(m, s.encoder().dim(), s.width(), true));
		int queries = s.queriesSide() * s.queriesSide();
		this.junction = v.plainAutoencoder() ? null : child("junction", new QFormer(m, queries, s.width(), s.width(),
				s.qformerHeads(), s.crossDimHead(), s.qformerMlp(), 1, 0.01f, v.blip2()));
		this.decoder = child("decoder", new MaeDecoder(m, s.width(), s.width(), grid, s.decoderDepth(),
				s.decoderHeads(), s.decoderMlp(), s.encoder().regTokens(), patch, s.channels()));
	}

	public Sizes sizes() {
		return sizes;
	}

	/**
	 * The frozen part: encoder blocks -2 and -4 (prefix tokens kept) concatenated along tokens,
	 * (B, 2·(prefix + grid²), encoder dim). Run it without gradients; it may be cached per image.
	 */
	public NDArray encode(NDArray x) {
		if (variant.plainAutoencoder()) {
			int prefix = sizes.encoder().prefixTokens();
			NDList h = encoder.intermediates(x, sizes.encoderBlocks()[0]);
			NDArray patches = h.get(0).get(":, " + prefix + ":, :");
			h.close();
			return patches;
		}
		NDList h = encoder.intermediates(x, sizes.encoderBlocks());
		NDArray out = NDArrays.concat(h, 1);
		h.close();
		return out;
	}

	/** Encoded tokens → reconstruction (B, channels, size, size) in the normalised space. */
	public NDArray decode(NDArray encoded) {
		return scoped(encoded, e -> {
			NDArray context = projection.forward(e);
			return unpatchify(decoder.forward(junction == null ? context : junction.forward(context)));
		});
	}

	/** The context E the Q-Former attends to: the projected encoder tokens (B, 2·(prefix + grid²), width). */
	public NDArray context(NDArray x) {
		NDArray e = encode(x);
		NDArray c = projection.forward(e);
		e.close();
		return c;
	}

	public NDArray reconstruct(NDArray x) {
		NDArray e = encode(x);
		NDArray out = decode(e);
		e.close();
		return out;
	}

	/** (B, g², p·p·C) → (B, C, g·p, g·p): token (h, w), feature (py·p + px)·C + c → pixel (c, h·p + py, w·p + px). */
	NDArray unpatchify(NDArray patches) {
		long b = patches.getShape().get(0);
		int g = grid;
		int p = patch;
		int c = sizes.channels();
		return patches.reshape(b, g, g, p, p, c).transpose(0, 5, 1, 3, 2, 4).reshape(b, c, (long) g * p, (long) g * p);
	}
}

package org.medad.detector.mvfa.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.medad.nn.Container;
import org.medad.nn.Module;
import org.medad.nn.Scalar;
import org.medad.nn.vit.VisionTransformer;
import org.medad.nn.vit.VitConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * CLIP's visual tower with MVFA's adapters between its blocks (the official {@code CLIP_Inplanted.forward},
 * METHODS.md §2.1-2.2): after each level's block, a segmentation and a detection adapter read the same tokens and
 * the stream continues as 0.8·x + 0.1·seg + 0.1·det. Names: {@code visual.*} (timm's ViT names, as the CLIP
 * importer writes them), {@code seg_adapters.L.*}, {@code det_adapters.L.*} (the official checkpoint's).
 */
public final class InplantedClip extends Module {
	private static final float KEEP = 0.8f;
	private static final float ADAPTED = 0.1f;

	private final VisionTransformer visual;
	private final List<ClipAdapter> seg = new ArrayList<>();
	private final List<ClipAdapter> det = new ArrayList<>();
	private final int[] levels;

	/**
	 * @param levels the blocks (1-based, as the official {@code --features_list}) after which adapters act
	 * @param bottleneck the adapters' inner width, which must be CLIP's embedding width
	 */
	public InplantedClip(NDManager m, VitConfig vision, int[] levels, int bottleneck) {
		super(m);
		for (int i = 0; i < levels.length; i++) {
			if (levels[i] < 1 || levels[i] > vision.depth() || i > 0 && levels[i] <= levels[i - 1]) {
				throw new IllegalArgumentException("adapter levels " + Arrays.toString(levels) + " must rise within 1.."
						+ vision.depth());
			}
		}
		this.levels = levels.clone();
		this.visual = child("visual", new VisionTransformer(m, vision));
		Container segs = child("seg_adapters", new Container(m));
		Container dets = child("det_adapters", new Container(m));
		for (int i = 0; i < levels.length; i++) {
			seg.add(segs.add(Integer.toString(i), new ClipAdapter(m, vision.dim(), bottleneck)));
			det.add(dets.add(Integer.toString(i), new ClipAdapter(m, vision.dim(), bottleneck)));
		}
	}

	public VisionTransformer visual() {
		return visual;
	}

	public Module segAdapters() {
		return childModules().get("seg_adapters");
	}

	public Module detAdapters() {
		return childModules().get("det_adapters");
	}

	public int levels() {
		return levels.length;
	}

	/** Per level, the adapters' bottleneck tokens, class row first: (B, 1 + patches, bottleneck) each. */
	public record Tokens(List<NDArray> seg, List<NDArray> det) {
	}

	/**
	 * Images (B, 3, H, W) in [0, 1] (MVFA does not normalise) → the level tokens. Blocks after the last level are not
	 * run: only the pooled embedding, which scoring never uses, depends on them.
	 */
	public Tokens forward(NDArray images) {
		List<NDArray> segTokens = new ArrayList<>();
		List<NDArray> detTokens = new ArrayList<>();
		NDArray x = visual.embed(images);
		int level = 0;
		for (int b = 1; b <= levels[levels.length - 1]; b++) {
			NDArray next = visual.block(b - 1).forward(x, null);
			x.close();
			x = next;
			if (b == levels[level]) {
				NDArray[] s = seg.get(level).forward(x);
				NDArray[] d = det.get(level).forward(x);
				segTokens.add(s[0]);
				detTokens.add(d[0]);
				NDArray mixed = mix(x, s[1], d[1]);
				x.close();
				x = mixed;
				level++;
			}
		}
		x.close();
		return new Tokens(segTokens, detTokens);
	}

	/**
	 * 0.8·x + 0.1·seg + 0.1·det, in the official order of operations; the adapter outputs are closed. The factors are
	 * engine tensors ({@link Scalar}): DJL's mul(Number) stages its number in a Java buffer that the backward pass
	 * would read after the garbage collector freed it.
	 */
	private static NDArray mix(NDArray x, NDArray segOut, NDArray detOut) {
		NDArray kept = Scalar.mul(x, KEEP);
		NDArray s = Scalar.mul(segOut, ADAPTED);
		segOut.close();
		NDArray partial = kept.add(s);
		kept.close();
		s.close();
		NDArray d = Scalar.mul(detOut, ADAPTED);
		detOut.close();
		NDArray mixed = partial.add(d);
		partial.close();
		d.close();
		return mixed;
	}
}

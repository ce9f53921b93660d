package org.medad.io.raw;

/**
 * How far compressed pixel data can expand: the bound every reader checks a promised size against before it
 * allocates, so a damaged header is refused instead of becoming an out-of-memory error.
 */
public final class Inflation {
	/** Deflate's largest expansion (a run of one byte): no stream of n bytes inflates to more than 1032 n. */
	public static final long MAX_RATIO = 1032;
	/** {@link #MAX_RATIO} with headroom for the codecs' own framing (RLE, JPEG, PNG filters): per stored byte. */
	public static final long BOUND = 1100;

	private Inflation() {
	}
}

package org.medad.io.dicom;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import javax.imageio.ImageIO;

import org.medad.core.error.BadInputException;
import org.medad.io.raw.DataType;
import org.medad.io.raw.Inflation;
import org.medad.io.raw.VoxelDecoder;

/**
 * Pixel data to real-world values, laid out x fastest, then y, frame, and channel last: native samples
 * (any bit depth, bit-packed, sign from BitsStored), RLE Lossless, lossless JPEG (process 14, own decoder),
 * JPEG baseline (through ImageIO);
 * then MONOCHROME1 inversion, YBR to RGB, and RescaleSlope/Intercept.
 */
final class PixelDecoder {
	private PixelDecoder() {
	}

	static float[] decode(DicomFile f, PixelFormat p) throws BadInputException {
		if (f.syntax.codec == null) {
			throw BadInputException.of(f.file, "unsupported transfer syntax " + f.syntax.uid + " (" + f.syntax.label
					+ "): this reader has no codec for it; convert the file to an uncompressed syntax first");
		}
		if (f.syntax.codec != TransferSyntax.Codec.NATIVE) {
			long stored = 0;
			for (byte[] fragment : f.fragments == null ? java.util.List.<byte[]>of() : f.fragments) {
				stored += fragment.length;
			}
			// no codec here expands more than deflate's 1032:1; a larger promise is a damaged header, not an allocation
			if (p.samples() > Math.max(1 << 20, Inflation.BOUND * stored)) {
				throw BadInputException.of(f.file, p.rows() + " x " + p.columns() + " x " + p.frames() + " frames need "
						+ p.samples() + " samples, more than " + stored + " bytes of compressed pixel data can hold");
			}
		}
		float[] v = switch (f.syntax.codec) {
		case NATIVE -> natives(f, p);
		case RLE -> rle(f, p);
		case JPEG -> jpeg(f, p);
		case JPEG_LOSSLESS -> jpegLossless(f, p);
		};
		finish(v, 0, v.length, p, f.syntax.codec);
		return v;
	}

	private static float[] natives(DicomFile f, PixelFormat p) throws BadInputException {
		if (f.pixels == null) {
			throw BadInputException.of(f.file, f.fragments != null ? "encapsulated pixel data in a native transfer syntax"
					: "no pixel data (7FE0,0010)");
		}
		long samples = p.samples();
		if (p.bitsAllocated() == 1) {
			long need = (samples + 7) / 8;
			if (f.pixels.remaining() < need) {
				throw truncated(f, f.pixels.remaining(), need);
			}
			float[] out = new float[(int) samples];
			for (int i = 0; i < out.length; i++) {
				out[i] = (f.pixels.get(i >>> 3) >>> (i & 7)) & 1;
			}
			return out;
		}
		long need = samples * p.dataType(f.file).bytes();
		if (f.pixels.remaining() < need) {
			throw truncated(f, f.pixels.remaining(), need);
		}
		float[] out = new float[(int) samples];
		nativeInto(f, p, out, 0);
		return p.channels() > 1 && !p.planar() ? interleavedToPlanar(out, p) : framePlanarToPlanar(out, p);
	}

	/** Native samples straight into {@code out} at {@code at}, unconverted (no copy of the frame). */
	private static void nativeInto(DicomFile f, PixelFormat p, float[] out, int at) throws BadInputException {
		DataType t = p.dataType(f.file);
		long need = p.samples() * t.bytes();
		if (f.pixels.remaining() < need) {
			throw truncated(f, f.pixels.remaining(), need);
		}
		new VoxelDecoder(t, f.syntax.order, 1, 0).decode(f.pixels.duplicate().limit((int) need).order(f.syntax.order),
				out, at);
	}

	/**
	 * Decodes a single-frame grey image into {@code out} from {@code at}: native data go there directly,
	 * other codecs through a frame-sized buffer.
	 */
	static void decodeInto(DicomFile f, PixelFormat p, float[] out, int at) throws BadInputException {
		int n = (int) p.samples();
		if (f.syntax.codec == TransferSyntax.Codec.NATIVE && p.channels() == 1 && p.bitsAllocated() > 1
				&& f.pixels != null) {
			nativeInto(f, p, out, at);
			finish(out, at, n, p, f.syntax.codec);
			return;
		}
		System.arraycopy(decode(f, p), 0, out, at, n);
	}

	private static BadInputException truncated(DicomFile f, long have, long need) {
		return BadInputException.of(f.file, "truncated pixel data: " + have + " bytes, " + need + " expected ("
				+ "rows x columns x frames x samples x bytes)");
	}

	/** RLE Lossless: one fragment per frame, a 64-byte header of segment offsets, PackBits segments. */
	private static float[] rle(DicomFile f, PixelFormat p) throws BadInputException {
		if (f.fragments == null || f.fragments.size() < p.frames()) {
			throw BadInputException.of(f.file, "RLE pixel data hold " + (f.fragments == null ? 0 : f.fragments.size())
					+ " fragments for " + p.frames() + " frames");
		}
		int bytes = Math.max(1, p.bitsAllocated() / 8);
		int n = (int) p.framePixels();
		float[] out = new float[(int) p.samples()];
		DataType t = p.dataType(f.file);
		for (int fr = 0; fr < p.frames(); fr++) {
			byte[] frag = f.fragments.get(fr);
			ByteBuffer h = ByteBuffer.wrap(frag).order(java.nio.ByteOrder.LITTLE_ENDIAN);
			int segments = h.getInt(0);
			if (segments != p.channels() * bytes) {
				throw BadInputException.of(f.file, "RLE frame " + fr + " has " + segments + " segments, expected "
						+ p.channels() * bytes);
			}
			for (int c = 0; c < p.channels(); c++) {
				long[] acc = new long[n];
				for (int k = 0; k < bytes; k++) { // segments hold byte planes, most significant first
					int s = c * bytes + k;
					int from = h.getInt(4 + 4 * s);
					int to = s + 1 < segments ? h.getInt(8 + 4 * s) : frag.length;
					byte[] plane = unpackBits(f, frag, from, to, n);
					for (int i = 0; i < n; i++) {
						acc[i] = acc[i] << 8 | (plane[i] & 0xff);
					}
				}
				int base = c * n * p.frames() + fr * n;
				for (int i = 0; i < n; i++) {
					out[base + i] = (float) signed(acc[i], t);
				}
			}
		}
		return out;
	}

	private static double signed(long v, DataType t) {
		return switch (t) {
		case INT8 -> (byte) v;
		case INT16 -> (short) v;
		case INT32 -> (int) v;
		default -> v;
		};
	}

	private static byte[] unpackBits(DicomFile f, byte[] src, int from, int to, int n) throws BadInputException {
		byte[] out = new byte[n];
		int o = 0;
		int i = from;
		while (o < n && i < to) {
			int h = src[i++];
			if (h >= 0) {
				int len = h + 1;
				if (i + len > to || o + len > n) {
					throw BadInputException.of(f.file, "corrupt RLE segment (literal run past the end)");
				}
				System.arraycopy(src, i, out, o, len);
				i += len;
				o += len;
			} else if (h != -128) {
				int len = 1 - h;
				if (i >= to || o + len > n) {
					throw BadInputException.of(f.file, "corrupt RLE segment (repeat run past the end)");
				}
				java.util.Arrays.fill(out, o, o + len, src[i++]);
				o += len;
			}
		}
		if (o < n) {
			throw BadInputException.of(f.file, "truncated RLE segment: " + o + " of " + n + " bytes");
		}
		return out;
	}

	/** JPEG baseline (8-bit) through ImageIO, one image per frame. */
	private static float[] jpeg(DicomFile f, PixelFormat p) throws BadInputException {
		if (p.bitsAllocated() != 8 && p.bitsStored() > 8) {
			throw BadInputException.of(f.file, "JPEG baseline with " + p.bitsStored() + " bits stored is not baseline");
		}
		java.util.List<byte[]> frames = frameStreams(f, p);
		int n = (int) p.framePixels();
		float[] out = new float[(int) p.samples()];
		float[] plane = new float[n];
		for (int fr = 0; fr < p.frames(); fr++) {
			BufferedImage img;
			try {
				img = ImageIO.read(new ByteArrayInputStream(frames.get(fr)));
			} catch (IOException e) {
				throw BadInputException.of(f.file, "corrupt JPEG data in frame " + fr + ": " + e.getMessage(), e);
			}
			if (img == null) {
				throw BadInputException.of(f.file, "frame " + fr + " is not a readable JPEG stream");
			}
			Raster r = img.getRaster();
			if (r.getWidth() != p.columns() || r.getHeight() != p.rows()) {
				throw BadInputException.of(f.file, "JPEG frame " + fr + " is " + r.getWidth() + "x" + r.getHeight()
						+ ", the data set says " + p.columns() + "x" + p.rows());
			}
			for (int c = 0; c < p.channels(); c++) {
				r.getSamples(0, 0, p.columns(), p.rows(), Math.min(c, r.getNumBands() - 1), plane);
				System.arraycopy(plane, 0, out, c * n * p.frames() + fr * n, n);
			}
		}
		return out;
	}

	/** Lossless JPEG (process 14) through this bundle's own decoder, one stream per frame. */
	private static float[] jpegLossless(DicomFile f, PixelFormat p) throws BadInputException {
		java.util.List<byte[]> frames = frameStreams(f, p);
		int n = (int) p.framePixels();
		float[] out = new float[(int) p.samples()];
		DataType t = p.dataType(f.file);
		for (int fr = 0; fr < p.frames(); fr++) {
			JpegLossless.Image img = JpegLossless.decode(f.file, frames.get(fr));
			if (img.columns() != p.columns() || img.rows() != p.rows() || img.components() != p.channels()) {
				throw BadInputException.of(f.file, "lossless JPEG frame " + fr + " is " + img.columns() + "x" + img.rows()
						+ "x" + img.components() + ", the data set says " + p.columns() + "x" + p.rows() + "x"
						+ p.channels());
			}
			int[] s = img.samples();
			for (int c = 0; c < p.channels(); c++) {
				int base = c * n * p.frames() + fr * n;
				for (int i = 0; i < n; i++) {
					out[base + i] = (float) signed(s[i * p.channels() + c], t);
				}
			}
		}
		return out;
	}

	/** The compressed stream of each frame: one fragment per frame, or all fragments of a single frame. */
	private static java.util.List<byte[]> frameStreams(DicomFile f, PixelFormat p) throws BadInputException {
		if (f.fragments == null || f.fragments.isEmpty()) {
			throw BadInputException.of(f.file, "compressed transfer syntax without encapsulated pixel data");
		}
		if (p.frames() == 1 && f.fragments.size() > 1) {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			f.fragments.forEach(all::writeBytes);
			return java.util.List.of(all.toByteArray());
		}
		if (f.fragments.size() != p.frames()) {
			throw BadInputException.of(f.file, f.fragments.size() + " fragments for " + p.frames()
					+ " frames: frames split over fragments are not supported");
		}
		return f.fragments;
	}

	/** Native RGBRGB... per frame to channel planes over all frames. */
	private static float[] interleavedToPlanar(float[] in, PixelFormat p) {
		int n = (int) p.framePixels();
		int ch = p.channels();
		float[] out = new float[in.length];
		for (int fr = 0; fr < p.frames(); fr++) {
			for (int i = 0; i < n; i++) {
				for (int c = 0; c < ch; c++) {
					out[c * n * p.frames() + fr * n + i] = in[(fr * n + i) * ch + c];
				}
			}
		}
		return out;
	}

	/** Native planar configuration 1 (RRR..GGG..BBB.. per frame) to channel planes over all frames. */
	private static float[] framePlanarToPlanar(float[] in, PixelFormat p) {
		if (p.channels() == 1 || p.frames() == 1) {
			return in;
		}
		int n = (int) p.framePixels();
		float[] out = new float[in.length];
		for (int fr = 0; fr < p.frames(); fr++) {
			for (int c = 0; c < p.channels(); c++) {
				System.arraycopy(in, (fr * p.channels() + c) * n, out, c * n * p.frames() + fr * n, n);
			}
		}
		return out;
	}

	/** Sign from BitsStored, MONOCHROME1 inversion, YBR to RGB, rescale. */
	private static void finish(float[] v, int from, int count, PixelFormat p, TransferSyntax.Codec codec) {
		int to = from + count;
		int bs = p.bitsStored();
		if (p.signed() && bs < p.bitsAllocated() && p.bitsAllocated() > 1) {
			int shift = 32 - bs;
			for (int i = from; i < to; i++) {
				v[i] = ((int) v[i] << shift) >> shift;
			}
		}
		if (p.monochrome1()) {
			double lo = p.signed() ? -(1L << (bs - 1)) : 0;
			double hi = p.signed() ? (1L << (bs - 1)) - 1 : (1L << bs) - 1;
			for (int i = from; i < to; i++) {
				v[i] = (float) (hi + lo - v[i]);
			}
		}
		if (p.channels() == 3 && p.photometric().startsWith("YBR_FULL") && codec != TransferSyntax.Codec.JPEG) {
			int n = count / 3;
			for (int i = 0; i < n; i++) {
				double y = v[from + i], cb = v[from + n + i] - 128, cr = v[from + 2 * n + i] - 128;
				v[from + i] = (float) clamp(y + 1.402 * cr);
				v[from + n + i] = (float) clamp(y - 0.344136 * cb - 0.714136 * cr);
				v[from + 2 * n + i] = (float) clamp(y + 1.772 * cb);
			}
		}
		if (p.slope() != 1 || p.intercept() != 0) {
			for (int i = from; i < to; i++) {
				v[i] = (float) (v[i] * p.slope() + p.intercept());
			}
		}
	}

	private static double clamp(double x) {
		return Math.max(0, Math.min(255, Math.round(x)));
	}
}

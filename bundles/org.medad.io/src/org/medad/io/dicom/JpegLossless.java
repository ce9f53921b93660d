package org.medad.io.dicom;

import java.nio.file.Path;

import org.medad.core.error.BadInputException;

/**
 * A decoder for lossless JPEG (ITU-T T.81 process 14, SOF3): Huffman-coded differences from one of the
 * seven predictors, restart intervals, point transform, 2 to 16 bits, one or more interleaved components.
 * The lossless syntax of most CT and MR archives (DICOM 1.2.840.10008.1.2.4.57 and .70).
 */
final class JpegLossless {
	private final Path file;
	private final byte[] d;
	private int pos;
	private final Huffman[] tables = new Huffman[4];
	private int restartInterval;
	private int precision;
	private int rows;
	private int cols;
	private int[] componentIds;

	/** Decoded samples, component-interleaved per pixel, and the image's shape. */
	record Image(int[] samples, int rows, int columns, int components, int precision) {
	}

	private JpegLossless(Path file, byte[] data) {
		this.file = file;
		this.d = data;
	}

	static Image decode(Path file, byte[] data) throws BadInputException {
		try {
			return new JpegLossless(file, data).run();
		} catch (ArrayIndexOutOfBoundsException e) {
			throw BadInputException.of(file, "corrupt lossless JPEG stream (ran past its end)");
		}
	}

	private Image run() throws BadInputException {
		if (u8(0) != 0xFF || u8(1) != 0xD8) {
			throw fail("lossless JPEG stream does not start with SOI");
		}
		pos = 2;
		while (true) {
			int marker = nextMarker();
			int len = u16(pos);
			switch (marker) {
			case 0xC3 -> frame(pos + 2);
			case 0xC4 -> huffmanTables(pos + 2, pos + len);
			case 0xDD -> restartInterval = u16(pos + 2);
			case 0xDA -> {
				return scan(pos + 2, pos + len);
			}
			case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF -> throw fail(
					"JPEG frame type SOF" + (marker - 0xC0) + " is not lossless process 14 (SOF3)");
			case 0xD9 -> throw fail("lossless JPEG stream ends before its scan");
			default -> {
				// APPn, COM, DQT and others: skipped
			}
			}
			pos += len;
		}
	}

	private int nextMarker() throws BadInputException {
		while (pos < d.length && u8(pos) != 0xFF) {
			pos++;
		}
		while (pos < d.length && u8(pos) == 0xFF) {
			pos++;
		}
		if (pos >= d.length) {
			throw fail("truncated lossless JPEG stream (no scan found)");
		}
		return u8(pos++);
	}

	private void frame(int at) throws BadInputException {
		precision = u8(at);
		rows = u16(at + 1);
		cols = u16(at + 3);
		int n = u8(at + 5);
		if (precision < 2 || precision > 16 || rows == 0 || cols == 0 || n < 1) {
			throw fail("bad SOF3 header: precision " + precision + ", " + cols + "x" + rows + ", " + n + " components");
		}
		componentIds = new int[n];
		for (int i = 0; i < n; i++) {
			componentIds[i] = u8(at + 6 + 3 * i);
			if (u8(at + 7 + 3 * i) != 0x11) {
				throw fail("subsampled components are not supported in lossless JPEG");
			}
		}
	}

	private void huffmanTables(int at, int end) throws BadInputException {
		while (at < end) {
			int id = u8(at) & 0x0F;
			int[] counts = new int[17];
			int total = 0;
			for (int i = 1; i <= 16; i++) {
				counts[i] = u8(at + i);
				total += counts[i];
			}
			int[] symbols = new int[total];
			for (int i = 0; i < total; i++) {
				symbols[i] = u8(at + 17 + i);
			}
			if (id > 3) {
				throw fail("Huffman table id " + id);
			}
			tables[id] = new Huffman(counts, symbols);
			at += 17 + total;
		}
	}

	private Image scan(int at, int dataStart) throws BadInputException {
		if (componentIds == null) {
			throw fail("scan before the SOF3 frame header");
		}
		int ns = u8(at);
		Huffman[] t = new Huffman[ns];
		for (int i = 0; i < ns; i++) {
			t[i] = tables[u8(at + 2 + 2 * i) >> 4];
			if (t[i] == null) {
				throw fail("scan uses an undefined Huffman table");
			}
		}
		int predictor = u8(at + 1 + 2 * ns);
		int pointTransform = u8(at + 3 + 2 * ns) & 0x0F;
		if (predictor < 1 || predictor > 7) {
			throw fail("predictor " + predictor + " is not 1 to 7");
		}
		int[] out = new int[rows * cols * ns];
		Bits bits = new Bits(dataStart);
		int mask = (1 << precision) - 1;
		int initial = 1 << (precision - pointTransform - 1);
		int left = restartInterval;
		boolean firstLine = true; // the scan's first line, and the first after a restart, predict from the left
		for (int y = 0; y < rows; y++) {
			for (int x = 0; x < cols; x++) {
				if (restartInterval > 0 && left == 0) {
					if (x != 0) {
						throw fail("restart interval " + restartInterval + " does not end at a line boundary");
					}
					bits.restart();
					left = restartInterval;
					firstLine = true;
				}
				for (int c = 0; c < ns; c++) {
					int i = (y * cols + x) * ns + c;
					int pred;
					if (firstLine) {
						pred = x == 0 ? initial : out[i - ns];
					} else if (x == 0) {
						pred = out[i - cols * ns];
					} else {
						int ra = out[i - ns], rb = out[i - cols * ns], rc = out[i - cols * ns - ns];
						pred = switch (predictor) {
						case 1 -> ra;
						case 2 -> rb;
						case 3 -> rc;
						case 4 -> ra + rb - rc;
						case 5 -> ra + ((rb - rc) >> 1);
						case 6 -> rb + ((ra - rc) >> 1);
						default -> (ra + rb) >>> 1;
						};
					}
					out[i] = (pred + difference(bits, t[c])) & mask;
				}
				if (restartInterval > 0) {
					left--;
				}
			}
			firstLine = false;
		}
		if (pointTransform > 0) {
			for (int i = 0; i < out.length; i++) {
				out[i] <<= pointTransform;
			}
		}
		return new Image(out, rows, cols, ns, precision);
	}

	private int difference(Bits bits, Huffman h) throws BadInputException {
		int s = h.decode(bits, this);
		if (s == 0) {
			return 0;
		}
		if (s == 16) {
			return 32768;
		}
		if (s > 16) {
			throw fail("difference category " + s);
		}
		int v = bits.read(s);
		return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
	}

	BadInputException fail(String what) {
		return BadInputException.of(file, what);
	}

	private int u8(int i) {
		return d[i] & 0xFF;
	}

	private int u16(int i) {
		return u8(i) << 8 | u8(i + 1);
	}

	/** The entropy-coded bit stream: byte stuffing removed, stops at markers. */
	private final class Bits {
		private int at;
		private long buffer;
		private int count;
		private boolean marker;

		Bits(int start) {
			at = start;
		}

		int read(int n) {
			while (count < n) {
				int b = 0;
				if (!marker && at < d.length) {
					b = u8(at++);
					if (b == 0xFF) {
						int next = at < d.length ? u8(at) : 0;
						if (next == 0) {
							at++;
						} else {
							marker = true; // a marker: feed zeros until the caller restarts
							at--;
							b = 0;
						}
					}
				}
				buffer = buffer << 8 | b;
				count += 8;
			}
			count -= n;
			return (int) (buffer >>> count) & ((1 << n) - 1);
		}

		/** Skips to just after the next RSTn marker and clears the bit buffer. */
		void restart() {
			count = 0;
			buffer = 0;
			marker = false;
			while (at + 1 < d.length && !(u8(at) == 0xFF && u8(at + 1) >= 0xD0 && u8(at + 1) <= 0xD7)) {
				at++;
			}
			at = Math.min(d.length, at + 2);
		}
	}

	/** A canonical Huffman table decoded bit by bit against per-length code ranges. */
	private static final class Huffman {
		private final int[] maxCode = new int[18];
		private final int[] valPtr = new int[17];
		private final int[] minCode = new int[17];
		private final int[] symbols;

		Huffman(int[] counts, int[] symbols) {
			this.symbols = symbols;
			int code = 0;
			int k = 0;
			for (int len = 1; len <= 16; len++) {
				valPtr[len] = k;
				minCode[len] = code;
				code += counts[len];
				k += counts[len];
				maxCode[len] = counts[len] == 0 ? -1 : code - 1;
				code <<= 1;
			}
			maxCode[17] = Integer.MAX_VALUE;
		}

		int decode(Bits bits, JpegLossless owner) throws BadInputException {
			int code = 0;
			for (int len = 1; len <= 16; len++) {
				code = code << 1 | bits.read(1);
				if (maxCode[len] >= 0 && code <= maxCode[len]) {
					return symbols[valPtr[len] + code - minCode[len]];
				}
			}
			throw owner.fail("corrupt lossless JPEG data (no Huffman code matches)");
		}
	}
}

package org.medad.io.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded mutations of image files, aimed at what readers trust: size, count, offset and dimension fields (binary
 * at the formats' known offsets, and the values of text headers), lengths of DICOM elements, TIFF IFD links
 * (including a self-loop), truncation, bit flips and random bytes behind a valid magic number. Gzip files are
 * mostly mutated inside the compressed stream (and recompressed), so that the header fields are reached.
 */
public final class Mutations {
	/** Integer values that break unchecked arithmetic: zero, negatives, sign bits, overflow of products. */
	static final long[] INTEGERS = { 0, -1, -2, 1, 3, 0x7F, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 20000, 0x7FFFFFFFL,
			0x80000000L, 0xFFFFFFFFL, 1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -352 };
	/** Values for text header fields: negative, zero, beyond int, exponent notation, paths, garbage, lists. */
	static final String[] TEXT = { "-2", "0", "-1", "2147483648", "4294967296", "1e9", "20000", "99999999999999",
			"/", "", "abc", "NaN", "-352", "1 -2 3", "20000 20000 20000", "-1 -1", "1e400", "0 0 0", "..", "LIST",
			"2147483647 2147483647 2" };
	static final float[] FLOATS = { -1f, -352f, 0f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY, 3e9f, -0f };

	public record Mutated(String kind, byte[] bytes) {
	}

	private Mutations() {
	}

	public static Mutated mutate(String name, byte[] data, Random r) {
		if (isGzip(data) && r.nextInt(10) < 7) {
			byte[] inner = gunzip(data, 64 << 20);
			if (inner != null) {
				Mutated m = mutatePlain(name.replaceFirst("(?i)\\.gz$", ""), inner, r);
				return new Mutated("gz(" + m.kind() + ")", gzip(m.bytes()));
			}
		}
		return mutatePlain(name, data, r);
	}

	static Mutated mutatePlain(String name, byte[] data, Random r) {
		int pick = r.nextInt(100);
		if (pick < 12) {
			return bitFlips(data, r);
		}
		if (pick < 22) {
			return truncate(data, r);
		}
		if (pick < 30) {
			return randomTail(data, r);
		}
		if (pick < 45 && hasTextHeader(data)) {
			Mutated t = textField(data, r);
			if (t != null) {
				return t;
			}
		}
		List<int[]> fields = fields(name, data);
		if (pick < 95 && !fields.isEmpty()) {
			int[] f = fields.get(r.nextInt(fields.size()));
			return field(data, f[0], f[1], f[2] == 1, r, "field@" + f[0]);
		}
		if (pick < 97 && isTiff(data)) {
			Mutated loop = tiffLoop(data);
			if (loop != null) {
				return loop;
			}
		}
		int off = data.length == 0 ? 0 : r.nextInt(Math.min(data.length, 1024));
		return field(data, off, new int[] { 2, 4, 8 }[r.nextInt(3)], r.nextBoolean(), r, "field@" + off);
	}

	static Mutated bitFlips(byte[] data, Random r) {
		byte[] b = data.clone();
		int n = 1 + r.nextInt(8);
		for (int i = 0; i < n && b.length > 0; i++) {
			int at = r.nextInt(10) < 7 ? r.nextInt(Math.min(b.length, 512)) : r.nextInt(b.length);
			b[at] ^= (byte) (1 << r.nextInt(8));
		}
		return new Mutated("bitflip", b);
	}

	static Mutated truncate(byte[] data, Random r) {
		int len = r.nextBoolean() ? r.nextInt(Math.min(data.length, 600) + 1) : r.nextInt(data.length + 1);
		return new Mutated("truncate@" + len, java.util.Arrays.copyOf(data, len));
	}

	/** The magic number (and maybe more of the header) kept, then random bytes. */
	static Mutated randomTail(byte[] data, Random r) {
		int[] keep = { 4, 8, 16, 132, 348, 512 };
		int k = Math.min(data.length, keep[r.nextInt(keep.length)]);
		int len = k + r.nextInt(Math.max(1, Math.min(data.length, 1 << 16) - k + 1));
		byte[] b = java.util.Arrays.copyOf(data, len);
		for (int i = k; i < len; i++) {
			b[i] = (byte) r.nextInt(256);
		}
		return new Mutated("random-after-" + k, b);
	}

	/** Writes an interesting integer (or float, for 4-byte fields sometimes) of {@code width} bytes at {@code off}. */
	static Mutated field(byte[] data, int off, int width, boolean bigEndian, Random r, String kind) {
		byte[] b = data.clone();
		if (off < 0 || off + width > b.length) {
			return new Mutated(kind + "-skipped", b);
		}
		ByteBuffer buf = ByteBuffer.wrap(b).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		if (width == 4 && r.nextInt(4) == 0) {
			buf.putFloat(off, FLOATS[r.nextInt(FLOATS.length)]);
			return new Mutated(kind + "f32", b);
		}
		long v = INTEGERS[r.nextInt(INTEGERS.length)];
		switch (width) {
		case 1 -> buf.put(off, (byte) v);
		case 2 -> buf.putShort(off, (short) v);
		case 4 -> buf.putInt(off, (int) v);
		default -> buf.putLong(off, v);
		}
		return new Mutated(kind + "=" + v, b);
	}

	static boolean hasTextHeader(byte[] d) {
		String head = new String(d, 0, Math.min(d.length, 16), StandardCharsets.ISO_8859_1);
		return head.startsWith("NRRD") || head.startsWith("ObjectType") || head.startsWith("NDims")
				|| head.contains("= ");
	}

	/** Replaces the value of one line of a text header (NRRD "key: value", MetaImage "Key = value"). */
	static Mutated textField(byte[] d, Random r) {
		String all = new String(d, StandardCharsets.ISO_8859_1);
		int end = all.indexOf("\n\n");
		int data = all.indexOf("ElementDataFile");
		int headerEnd = end >= 0 ? end : data >= 0 ? all.indexOf('\n', data) : Math.min(all.length(), 4096);
		if (headerEnd < 0) {
			headerEnd = all.length();
		}
		String header = all.substring(0, headerEnd);
		List<int[]> lines = new ArrayList<>();
		int start = 0;
		while (start < header.length()) {
			int nl = header.indexOf('\n', start);
			int stop = nl < 0 ? header.length() : nl;
			String line = header.substring(start, stop);
			int sep = line.contains(":=") ? line.indexOf(":=") + 2 : line.indexOf(": ") >= 0 ? line.indexOf(": ") + 2
					: line.indexOf("= ") >= 0 ? line.indexOf("= ") + 2 : -1;
			if (sep > 0 && !line.startsWith("#")) {
				lines.add(new int[] { start + sep, start + line.length() });
			}
			start = stop + 1;
		}
		if (lines.isEmpty()) {
			return null;
		}
		int[] l = lines.get(r.nextInt(lines.size()));
		String value = all.substring(l[0], l[1]);
		String replacement;
		String[] tokens = value.trim().split("\\s+");
		if (tokens.length > 1 && r.nextBoolean()) {
			tokens[r.nextInt(tokens.length)] = TEXT[r.nextInt(TEXT.length)];
			replacement = String.join(" ", tokens);
		} else {
			replacement = TEXT[r.nextInt(TEXT.length)];
		}
		String key = all.substring(all.lastIndexOf('\n', l[0]) + 1, l[0]).trim();
		String out = all.substring(0, l[0]) + replacement + all.substring(l[1]);
		return new Mutated("text[" + key + "]=" + replacement, out.getBytes(StandardCharsets.ISO_8859_1));
	}

	static boolean isTiff(byte[] d) {
		return d.length > 8 && ((d[0] == 'I' && d[1] == 'I') || (d[0] == 'M' && d[1] == 'M'));
	}

	/** Points the first IFD's next-IFD link back at itself. */
	static Mutated tiffLoop(byte[] d) {
		ByteBuffer b = ByteBuffer.wrap(d.clone()).order(d[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		long ifd = b.getInt(4) & 0xFFFFFFFFL;
		if (ifd + 2 > d.length) {
			return null;
		}
		int n = b.getShort((int) ifd) & 0xFFFF;
		long next = ifd + 2 + 12L * n;
		if (next + 4 > d.length) {
			return null;
		}
		b.putInt((int) next, (int) ifd);
		return new Mutated("tiff-ifd-self-loop", b.array());
	}

	/** Known header fields: {offset, width, bigEndian?1:0}. */
	static List<int[]> fields(String name, byte[] d) {
		List<int[]> f = new ArrayList<>();
		ByteBuffer le = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
		String lower = name.toLowerCase(java.util.Locale.ROOT);
		if (d.length >= 348 && (le.getInt(0) == 348 || Integer.reverseBytes(le.getInt(0)) == 348)) {
			int be = le.getInt(0) == 348 ? 0 : 1;
			f.add(new int[] { 0, 4, be });
			for (int i = 0; i < 8; i++) {
				f.add(new int[] { 40 + 2 * i, 2, be });
			}
			f.add(new int[] { 70, 2, be });
			f.add(new int[] { 72, 2, be });
			f.add(new int[] { 108, 4, be });
			f.add(new int[] { 112, 4, be });
		} else if (d.length >= 540 && (le.getInt(0) == 540 || Integer.reverseBytes(le.getInt(0)) == 540)) {
			int be = le.getInt(0) == 540 ? 0 : 1;
			f.add(new int[] { 0, 4, be });
			f.add(new int[] { 12, 2, be });
			f.add(new int[] { 14, 2, be });
			for (int i = 0; i < 8; i++) {
				f.add(new int[] { 16 + 8 * i, 8, be });
			}
			f.add(new int[] { 168, 8, be });
		} else if (d.length > 24 && (d[0] & 0xFF) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') {
			for (int at = 8; at + 8 <= d.length;) { // every chunk's length, IHDR's width and height
				f.add(new int[] { at, 4, 1 });
				long len = ByteBuffer.wrap(d).getInt(at) & 0xFFFFFFFFL;
				if (at == 8) {
					f.add(new int[] { 16, 4, 1 });
					f.add(new int[] { 20, 4, 1 });
					f.add(new int[] { 24, 1, 1 });
					f.add(new int[] { 25, 1, 1 });
				}
				at += 12 + len;
				if (len > d.length) {
					break;
				}
			}
		} else if (d.length > 54 && d[0] == 'B' && d[1] == 'M') {
			for (int[] x : new int[][] { { 2, 4 }, { 10, 4 }, { 14, 4 }, { 18, 4 }, { 22, 4 }, { 26, 2 }, { 28, 2 },
					{ 30, 4 }, { 34, 4 }, { 46, 4 } }) {
				f.add(new int[] { x[0], x[1], 0 });
			}
		} else if (isTiff(d)) {
			int be = d[0] == 'M' ? 1 : 0;
			ByteBuffer b = ByteBuffer.wrap(d).order(be == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
			f.add(new int[] { 4, 4, be });
			long ifd = b.getInt(4) & 0xFFFFFFFFL;
			if (ifd + 2 <= d.length) {
				int n = b.getShort((int) ifd) & 0xFFFF;
				f.add(new int[] { (int) ifd, 2, be });
				for (int i = 0; i < n && ifd + 2 + 12L * i + 12 <= d.length; i++) {
					int e = (int) (ifd + 2 + 12 * i);
					f.add(new int[] { e + 4, 4, be }); // count
					f.add(new int[] { e + 8, 4, be }); // value or offset
				}
			}
		} else if (lower.endsWith(".dcm") || (d.length > 132 && d[128] == 'D' && d[129] == 'I' && d[130] == 'C')
				|| lower.startsWith("im")) {
			dicomFields(d, f);
		}
		return f;
	}

	/** Values and length fields of the DICOM elements that size the pixel data (little-endian tag patterns). */
	private static void dicomFields(byte[] d, List<int[]> f) {
		int[][] tags = { { 0x0028, 0x0010 }, { 0x0028, 0x0011 }, { 0x0028, 0x0008 }, { 0x0028, 0x0002 },
				{ 0x0028, 0x0100 }, { 0x0028, 0x0101 }, { 0x0028, 0x0103 }, { 0x7FE0, 0x0010 }, { 0x0002, 0x0000 },
				{ 0x0002, 0x0010 }, { 0x0028, 0x0004 }, { 0x0028, 0x0030 }, { 0x0020, 0x0032 }, { 0x0020, 0x0037 },
				{ 0x0028, 0x1053 }, { 0x0028, 0x1052 }, { 0x0008, 0x0060 } };
		for (int i = 0; i + 12 <= d.length; i++) {
			for (int[] t : tags) {
				boolean leMatch = (d[i] & 0xFF) == (t[0] & 0xFF) && (d[i + 1] & 0xFF) == (t[0] >> 8)
						&& (d[i + 2] & 0xFF) == (t[1] & 0xFF) && (d[i + 3] & 0xFF) == (t[1] >> 8);
				boolean beMatch = (d[i] & 0xFF) == (t[0] >> 8) && (d[i + 1] & 0xFF) == (t[0] & 0xFF)
						&& (d[i + 2] & 0xFF) == (t[1] >> 8) && (d[i + 3] & 0xFF) == (t[1] & 0xFF);
				if (leMatch || beMatch) {
					int be = leMatch ? 0 : 1;
					boolean explicit = Character.isUpperCase(d[i + 4]) && Character.isUpperCase(d[i + 5]);
					if (explicit) {
						boolean longForm = (d[i + 4] == 'O' || d[i + 4] == 'U' || d[i + 4] == 'S' && d[i + 5] == 'Q');
						f.add(new int[] { longForm ? i + 8 : i + 6, longForm ? 4 : 2, be }); // length
						f.add(new int[] { longForm ? i + 12 : i + 8, 2, be }); // value
					} else {
						f.add(new int[] { i + 4, 4, be });
						f.add(new int[] { i + 8, 2, be });
					}
				}
			}
		}
	}

	static boolean isGzip(byte[] d) {
		return d.length > 2 && (d[0] & 0xFF) == 0x1F && (d[1] & 0xFF) == 0x8B;
	}

	static byte[] gunzip(byte[] d, int limit) {
		try (var in = new GZIPInputStream(new ByteArrayInputStream(d))) {
			return in.readNBytes(limit);
		} catch (IOException e) {
			return null;
		}
	}

	static byte[] gzip(byte[] d) {
		var out = new ByteArrayOutputStream();
		try (var z = new GZIPOutputStream(out)) {
			z.write(d);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return out.toByteArray();
	}
}

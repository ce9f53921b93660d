package org.medad.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.medad.core.error.BadInputException;

/**
 * A parsed DICOM file: Part-10 (preamble, DICM, file meta) or a bare data set without them; explicit and
 * implicit VR, both byte orders, deflated data sets; native or encapsulated (fragmented) pixel data.
 * Corrupt input fails with the file, the byte offset and tag, and the reason.
 */
final class DicomFile {
	private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
			"UR", "UT", "UV");
	private static final int UNDEFINED = -1;

	final Path file;
	final DicomDataset data;
	final TransferSyntax syntax;
	final String syntaxUid;
	/** Native pixel data (a view on the file's bytes, not a copy), or null when encapsulated. */
	final ByteBuffer pixels;
	/** Encapsulated fragments (the basic offset table item excluded), or null when native. */
	final List<byte[]> fragments;

	private DicomFile(Path file, DicomDataset data, TransferSyntax syntax, String syntaxUid, ByteBuffer pixels,
			List<byte[]> fragments) {
		this.file = file;
		this.data = data;
		this.syntax = syntax;
		this.syntaxUid = syntaxUid;
		this.pixels = pixels;
		this.fragments = fragments;
	}

	/**
	 * This file's header alone: its pixel data (and the file's bytes it views) let go, so that listing a series of
	 * hundreds of files keeps kilobytes, not the whole series; {@link #withPixels} reads them again when needed.
	 */
	DicomFile headerOnly() {
		return new DicomFile(file, data, syntax, syntaxUid, null, null);
	}

	/** This file with its pixel data: itself, or read again when it was {@link #headerOnly}. */
	DicomFile withPixels() throws BadInputException {
		return pixels != null || fragments != null ? this : read(file);
	}

	/** True when the bytes look like DICOM: the DICM magic, or a plausible first element of a bare data set. */
	static boolean looksLikeDicom(byte[] head) {
		if (head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
			return true;
		}
		if (head.length < 8) {
			return false;
		}
		int group = (head[0] & 0xff) | (head[1] & 0xff) << 8;
		return (group == 0x0002 || group == 0x0008) && Character.isUpperCase(head[4]) && Character.isUpperCase(head[5]);
	}

	static DicomFile read(Path file) throws BadInputException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			throw BadInputException.of(file, "no such file");
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot be read: " + e.getMessage(), e);
		}
		return parse(file, bytes);
	}

	static DicomFile parse(Path file, byte[] bytes) throws BadInputException {
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		String uid = null;
		int start = 0;
		if (bytes.length >= 132 && new String(bytes, 128, 4, StandardCharsets.ISO_8859_1).equals("DICM")) {
			start = 132;
		}
		// file meta group 0002: always explicit VR little endian
		b.position(start);
		DicomDataset meta = new DicomDataset(ByteOrder.LITTLE_ENDIAN);
		Parser p = new Parser(file, b, true, null);
		while (b.remaining() >= 6 && (b.getShort(b.position()) & 0xFFFF) == 0x0002) {
			p.element(meta, bytes.length);
		}
		uid = meta.string(Tag.TRANSFER_SYNTAX);
		TransferSyntax ts;
		if (uid == null) { // no file meta: guess explicit or implicit little endian from the first element
			ts = b.remaining() >= 6 && Character.isUpperCase(b.get(b.position() + 4))
					&& Character.isUpperCase(b.get(b.position() + 5)) ? TransferSyntax.EXPLICIT_LE
							: TransferSyntax.IMPLICIT_LE;
			uid = ts.uid;
		} else {
			ts = TransferSyntax.of(uid);
			if (ts == null) {
				throw BadInputException.of(file, "unsupported transfer syntax " + uid);
			}
		}
		if (ts == TransferSyntax.DEFLATED_LE) {
			bytes = inflate(file, bytes, b.position());
			b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		}
		b.order(ts.order);
		DicomDataset data = new DicomDataset(ts.order);
		Parser body = new Parser(file, b, ts.explicitVr, data);
		while (b.hasRemaining()) {
			if (b.remaining() < 8) {
				throw BadInputException.of(file, "truncated at byte " + b.position() + ": " + b.remaining()
						+ " stray bytes where an element should start");
			}
			body.element(data, bytes.length);
		}
		return new DicomFile(file, data, ts, uid, body.pixels, body.fragments);
	}

	private static byte[] inflate(Path file, byte[] bytes, int from) throws BadInputException {
		Inflater inf = new Inflater(true); // raw deflate, no zlib header
		inf.setInput(bytes, from, bytes.length - from);
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 3);
		byte[] buf = new byte[1 << 16];
		try {
			while (!inf.finished()) {
				int n = inf.inflate(buf);
				if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
					break;
				}
				out.write(buf, 0, n);
			}
		} catch (DataFormatException e) {
			throw BadInputException.of(file, "corrupt deflated data set: " + e.getMessage(), e);
		} finally {
			inf.end();
		}
		return out.toByteArray();
	}

	/** Element-by-element parsing of one data set (recursing into sequence items). */
	private static final class Parser {
		final Path file;
		final ByteBuffer b;
		final boolean explicit;
		final DicomDataset top;
		ByteBuffer pixels;
		List<byte[]> fragments;

		Parser(Path file, ByteBuffer b, boolean explicit, DicomDataset top) {
			this.file = file;
			this.b = b;
			this.explicit = explicit;
			this.top = top;
		}

		/** Parses one element into {@code into}; returns false at an item or sequence delimiter. */
		boolean element(DicomDataset into, int end) throws BadInputException {
			int at = b.position();
			try {
				int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
				if (tag == Tag.ITEM_END || tag == Tag.SEQUENCE_END) {
					b.getInt();
					return false;
				}
				String vr = null;
				long len;
				if (explicit && (tag >>> 16) != 0xFFFE) {
					vr = new String(new byte[] { b.get(), b.get() }, StandardCharsets.ISO_8859_1);
					if (!Character.isUpperCase(vr.charAt(0)) || !Character.isUpperCase(vr.charAt(1))) {
						throw BadInputException.of(file, "corrupt data set at byte " + at + ": element " + Tag.hex(tag)
								+ " has no value representation ('" + printable(vr) + "')");
					}
					if (LONG_VRS.contains(vr)) {
						b.getShort();
						len = b.getInt() & 0xFFFFFFFFL;
					} else {
						len = b.getShort() & 0xFFFF;
					}
				} else {
					len = b.getInt() & 0xFFFFFFFFL;
				}
				boolean undefined = len == 0xFFFFFFFFL;
				if (tag == Tag.PIXEL_DATA && into == top) {
					if (undefined) {
						fragments = fragments(tag, end);
					} else {
						// keep what is there: the header stays readable, decoding then reports the shortfall
						int n = (int) Math.min(len, b.remaining());
						pixels = b.slice(b.position(), n).order(b.order());
						b.position(b.position() + n);
					}
				} else if ("SQ".equals(vr) || undefined || (!explicit && Tag.isKnownSequence(tag))) {
					into.putSequence(tag, items(tag, undefined ? UNDEFINED : len, end));
				} else {
					into.put(tag, take(tag, len, at));
				}
				return true;
			} catch (BufferUnderflowException e) {
				throw BadInputException.of(file, "truncated at byte " + at + " inside an element header");
			}
		}

		private List<DicomDataset> items(int seqTag, long len, int end) throws BadInputException {
			List<DicomDataset> items = new ArrayList<>();
			long stop = len == UNDEFINED ? end : b.position() + len;
			while (b.position() < stop) {
				int at = b.position();
				int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
				long itemLen = b.getInt() & 0xFFFFFFFFL;
				if (tag == Tag.SEQUENCE_END) {
					return items;
				}
				if (tag != Tag.ITEM) {
					throw BadInputException.of(file, "corrupt sequence " + Tag.hex(seqTag) + " at byte " + at
							+ ": expected an item, found " + Tag.hex(tag));
				}
				DicomDataset item = new DicomDataset(b.order());
				if (itemLen == 0xFFFFFFFFL) {
					while (element(item, end)) {
						// until the item delimiter
					}
				} else {
					long itemEnd = b.position() + itemLen;
					if (itemEnd > end) {
						throw BadInputException.of(file, "truncated item of " + Tag.hex(seqTag) + " at byte " + at);
					}
					while (b.position() < itemEnd) {
						element(item, (int) itemEnd);
					}
				}
				items.add(item);
			}
			return items;
		}

		private List<byte[]> fragments(int tag, int end) throws BadInputException {
			List<byte[]> out = new ArrayList<>();
			boolean first = true;
			while (true) {
				int at = b.position();
				if (b.remaining() < 8) {
					throw BadInputException.of(file, "truncated encapsulated pixel data at byte " + at);
				}
				int t = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
				long len = b.getInt() & 0xFFFFFFFFL;
				if (t == Tag.SEQUENCE_END) {
					return out;
				}
				if (t != Tag.ITEM) {
					throw BadInputException.of(file, "corrupt encapsulated pixel data at byte " + at + ": found "
							+ Tag.hex(t) + " where a fragment item should be");
				}
				byte[] fragment = take(tag, len, at);
				if (!first) { // the first item is the basic offset table
					out.add(fragment);
				}
				first = false;
			}
		}

		private byte[] take(int tag, long len, int at) throws BadInputException {
			if (len > b.remaining()) {
				throw BadInputException.of(file, "truncated: element " + Tag.hex(tag) + " at byte " + at + " declares "
						+ len + " bytes, only " + b.remaining() + " remain");
			}
			byte[] v = new byte[(int) len];
			b.get(v);
			return v;
		}

		private static String printable(String s) {
			StringBuilder o = new StringBuilder();
			for (char c : s.toCharArray()) {
				o.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
			}
			return o.toString();
		}
	}
}

package org.medad.io.raster;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.medad.core.error.BadInputException;
import org.medad.io.raw.Inflation;

/**
 * The pages of a picture through the JDK's ImageIO decoders, with the checks those decoders lack: the TIFF page
 * chain is walked first (bounded, every link inside the file, a loop refused), each page's size is checked against
 * what a file of this length can hold before its pixels are allocated, and whatever a decoder throws on damaged
 * data becomes a {@link BadInputException} in words.
 */
public final class Pictures {
	/** At most this many pixels per byte of file (deflate's 1032:1 and then some), or 16 Mi pixels for small files. */
	private static final long PIXELS_PER_BYTE = Inflation.BOUND;
	private static final long SMALL_FILE_PIXELS = 1L << 24;
	private static final int MAX_PAGES = 1 << 16;
	private static final Pattern JAVA_TEXT = Pattern.compile("\\b(java|javax|sun|com\\.sun)\\.|Exception|Error\\b");

	private Pictures() {
	}

	public static List<Raster> read(Path file, String formatName) throws BadInputException {
		long length;
		try {
			length = Files.size(file);
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot be read" + reason(e));
		}
		int pages = isTiff(formatName) ? tiffPages(file, length) : 1;
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			if (in == null) {
				throw BadInputException.of(file, "cannot be opened");
			}
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw BadInputException.of(file, "not a readable " + formatName + " image");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				List<Raster> out = new ArrayList<>();
				for (int i = 0; i < pages; i++) {
					long w = reader.getWidth(i);
					long h = reader.getHeight(i);
					if (w <= 0 || h <= 0) {
						throw BadInputException.of(file, formatName + " page " + (i + 1) + " has a size of " + w + " x " + h
								+ " pixels");
					}
					if (w * h > Math.max(SMALL_FILE_PIXELS, PIXELS_PER_BYTE * length) || w * h > Integer.MAX_VALUE / 4) {
						throw BadInputException.of(file, formatName + " header gives " + w + " x " + h + " pixels, more than"
								+ " a file of " + length + " bytes can hold: damaged or not a " + formatName);
					}
					out.add(reader.read(i).getRaster());
				}
				return out;
			} finally {
				reader.dispose();
			}
		} catch (BadInputException e) {
			throw e;
		} catch (IOException | RuntimeException e) {
			throw BadInputException.of(file, "corrupt or truncated " + formatName + decoderReason(e), e);
		}
	}

	private static boolean isTiff(String formatName) {
		return formatName.equals("TIFF");
	}

	/** Counts the pages by walking the IFD chain, refusing links outside the file, loops and absurd counts. */
	static int tiffPages(Path file, long length) throws BadInputException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer head = read(ch, 0, 8, file, "header");
			ByteOrder order = head.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			long ifd = head.order(order).getInt(4) & 0xFFFFFFFFL;
			Set<Long> seen = new HashSet<>();
			int pages = 0;
			while (ifd != 0) {
				if (ifd < 8 || ifd + 2 > length) {
					throw BadInputException.of(file, "TIFF page " + (pages + 1) + " starts at byte " + ifd
							+ ", outside the file of " + length + " bytes (damaged or truncated)");
				}
				if (!seen.add(ifd)) {
					throw BadInputException.of(file, "TIFF page list loops back to byte " + ifd + " (damaged file)");
				}
				if (++pages > MAX_PAGES) {
					throw BadInputException.of(file, "more than " + MAX_PAGES + " TIFF pages: damaged file");
				}
				int entries = read(ch, ifd, 2, file, "page " + pages).order(order).getShort(0) & 0xFFFF;
				long next = ifd + 2 + 12L * entries;
				if (entries == 0 || next + 4 > length) {
					throw BadInputException.of(file, "TIFF page " + pages + " has " + entries + " entries"
							+ (entries == 0 ? "" : ", beyond the end of the file") + " (damaged or truncated)");
				}
				ifd = read(ch, next, 4, file, "page " + pages).order(order).getInt(0) & 0xFFFFFFFFL;
			}
			if (pages == 0) {
				throw BadInputException.of(file, "TIFF without pages (first page offset 0)");
			}
			return pages;
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot be read" + reason(e), e);
		}
	}

	private static ByteBuffer read(FileChannel ch, long at, int n, Path file, String what) throws IOException,
			BadInputException {
		ByteBuffer b = ByteBuffer.allocate(n);
		while (b.hasRemaining()) {
			if (ch.read(b, at + b.position()) < 0) {
				throw BadInputException.of(file, "truncated TIFF: the " + what + " ends beyond the file");
			}
		}
		return b.flip();
	}

	/** The decoder's own words when they are words; decoders also throw bare Java errors on damaged data. */
	private static String decoderReason(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		String m = t.getMessage();
		if (t instanceof IOException && m != null && !m.isBlank() && !JAVA_TEXT.matcher(m).find() && m.length() < 200) {
			return ": " + m;
		}
		return " (the decoder stopped on damaged data)";
	}

	private static String reason(IOException e) {
		return e.getMessage() == null ? "" : ": " + e.getMessage();
	}
}

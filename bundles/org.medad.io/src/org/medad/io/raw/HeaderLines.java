package org.medad.io.raw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.medad.core.error.BadInputException;

/**
 * The text header of NRRD and MetaImage files: lines up to a terminating line, and the byte offset at
 * which the attached data starts. Headers are capped at 1 MiB so a binary file is never read whole.
 */
public record HeaderLines(List<String> lines, long dataOffset) {
	private static final int MAX = 1 << 20;

	/** Reads lines until {@code last} accepts one (that line included) or an empty line ends the header. */
	public static HeaderLines read(Path file, Predicate<String> last) throws BadInputException {
		List<String> lines = new ArrayList<>();
		long offset = 0;
		try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 14)) {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			while (offset < MAX) {
				int b = in.read();
				if (b < 0) {
					if (line.size() > 0) {
						lines.add(line.toString(StandardCharsets.ISO_8859_1));
					}
					return new HeaderLines(lines, offset);
				}
				offset++;
				if (b == '\n') {
					String s = line.toString(StandardCharsets.ISO_8859_1);
					if (s.endsWith("\r")) {
						s = s.substring(0, s.length() - 1);
					}
					line.reset();
					if (s.isEmpty()) {
						return new HeaderLines(lines, offset);
					}
					lines.add(s);
					if (last.test(s)) {
						return new HeaderLines(lines, offset);
					}
				} else {
					line.write(b);
				}
			}
			throw BadInputException.of(file, "header longer than 1 MiB: not a text header");
		} catch (NoSuchFileException e) {
			throw BadInputException.of(file, "no such file");
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot read the header: " + e.getMessage(), e);
		}
	}

	/** Parses whitespace-separated numbers of a header value, naming the field on error. */
	public static double[] numbers(Path file, String field, String value, int expected) throws BadInputException {
		String[] parts = value.trim().replace("(", " ").replace(")", " ").replace(",", " ").trim().split("\\s+");
		if (expected >= 0 && parts.length != expected) {
			throw BadInputException.of(file, "field '" + field + "' has " + parts.length + " values, expected "
					+ expected + ": '" + value + "'");
		}
		double[] out = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Double.parseDouble(parts[i]);
			} catch (NumberFormatException e) {
				throw BadInputException.of(file, "field '" + field + "': '" + parts[i] + "' is not a number");
			}
		}
		return out;
	}

	/**
	 * Whole numbers of a header value, each within [min, max], naming the field and the value on error: sizes,
	 * counts and offsets are checked before anything is allocated or read.
	 */
	public static long[] integers(Path file, String field, String value, int expected, long min, long max)
			throws BadInputException {
		double[] d = numbers(file, field, value, expected);
		long[] out = new long[d.length];
		for (int i = 0; i < d.length; i++) {
			if (d[i] != Math.rint(d[i]) || d[i] < min || d[i] > max) {
				throw BadInputException.of(file, "field '" + field + "' = '" + value.trim() + "': " + (d[i] != Math.rint(
						d[i]) ? "'" + fmt(d[i]) + "' is not a whole number" : fmt(d[i]) + " is outside " + min + ".." + max));
			}
			out[i] = (long) d[i];
		}
		return out;
	}

	/** One whole number of a header value within [min, max]. */
	public static long integer(Path file, String field, String value, long min, long max) throws BadInputException {
		return integers(file, field, value, 1, min, max)[0];
	}

	/** The number of samples of an image with these sizes and channels, refused when it overflows an array. */
	public static long samples(Path file, long[] sizes, long channels) throws BadInputException {
		long n = channels;
		for (long s : sizes) {
			if (s <= 0) {
				throw BadInputException.of(file, "an image size of " + s + " along an axis: sizes must be positive");
			}
			if (n > (Integer.MAX_VALUE - 8) / s) {
				throw BadInputException.of(file, "sizes " + java.util.Arrays.toString(sizes) + (channels > 1 ? " with "
						+ channels + " channels" : "") + " make more samples than one image can hold (2^31)");
			}
			n *= s;
		}
		return n;
	}

	/** A detached data file named in a header, resolved beside the header and checked to be a plain file name. */
	public static Path dataFile(Path header, String field, String name) throws BadInputException {
		if (name == null || name.isBlank()) {
			throw BadInputException.of(header, "field '" + field + "' is empty; it must name the data file");
		}
		Path resolved;
		try {
			resolved = header.resolveSibling(name.trim());
		} catch (java.nio.file.InvalidPathException e) {
			throw BadInputException.of(header, "field '" + field + "' = '" + printable(name)
					+ "' is not a valid file name");
		}
		if (Files.isDirectory(resolved)) {
			throw BadInputException.of(header, "field '" + field + "' = '" + printable(name) + "' names a folder, not a"
					+ " data file");
		}
		return resolved;
	}

	private static String printable(String s) {
		return s.replaceAll("[\\p{Cntrl}]", "?");
	}

	private static String fmt(double d) {
		return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
	}
}

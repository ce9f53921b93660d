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
}

package org.medad.io.raw;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.medad.core.error.BadInputException;

/** Whitespace-separated numbers (NRRD's ascii encoding). */
public final class TextSamples {
	private TextSamples() {
	}

	public static float[] read(InputStream in, long count, Path file) throws BadInputException, IOException {
		if (count > Integer.MAX_VALUE - 8) {
			throw BadInputException.of(file, count + " samples are more than one array holds");
		}
		float[] out = new float[(int) count];
		BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
		StringBuilder token = new StringBuilder();
		int n = 0;
		for (int ch; n < out.length;) {
			ch = r.read();
			boolean sep = ch < 0 || Character.isWhitespace(ch) || ch == ',';
			if (!sep) {
				token.append((char) ch);
			} else if (token.length() > 0) {
				try {
					out[n++] = Float.parseFloat(token.toString());
				} catch (NumberFormatException e) {
					throw BadInputException.of(file, "ascii sample " + n + " is not a number: '" + token + "'");
				}
				token.setLength(0);
			}
			if (ch < 0) {
				break;
			}
		}
		if (n < out.length) {
			throw BadInputException.of(file, "truncated: " + n + " ascii samples of " + count);
		}
		return out;
	}

}

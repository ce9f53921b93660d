package org.medad.nn.clip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.medad.core.error.ModelException;

/**
 * OpenAI CLIP's byte-level BPE tokenizer (METHODS.md §2.3) over {@code bpe_simple_vocab_16e6.txt.gz} (MIT, shipped in
 * this bundle's {@code vocab/}). Sequences are [start, tokens…, end] zero-padded to the context length.
 */
public final class ClipTokenizer {
	public static final int START = 49406;
	public static final int END = 49407;
	public static final String BUNDLED = "/vocab/bpe_simple_vocab_16e6.txt.gz";
	private static final int MERGES = 49152 - 256 - 2;
	private static final Pattern WORDS = Pattern.compile(
			"<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private final String[] byteChars = new String[256];
	private final Map<String, Integer> encoder = new HashMap<>();
	private final Map<String, Integer> ranks = new HashMap<>();
	private final Map<String, String> cache = new ConcurrentHashMap<>();

	public ClipTokenizer(InputStream gzippedMerges) throws IOException {
		int[] order = byteOrder();
		List<String> vocab = new ArrayList<>();
		for (int i = 0; i < 256; i++) {
			int b = order[i];
			byteChars[b] = new String(Character.toChars(i < 188 ? b : 256 + (i - 188)));
			vocab.add(byteChars[b]);
		}
		for (int i = 0; i < 256; i++) {
			vocab.add(vocab.get(i) + "</w>");
		}
		try (BufferedReader r = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(gzippedMerges), StandardCharsets.UTF_8))) {
			r.readLine(); // version header
			for (int i = 0; i < MERGES; i++) {
				String line = r.readLine();
				if (line == null) {
					throw new IOException("BPE merge list ends after " + i + " merges, expected " + MERGES);
				}
				String[] pair = line.split(" ");
				ranks.put(pair[0] + " " + pair[1], i);
				vocab.add(pair[0] + pair[1]);
			}
		}
		vocab.add("<|startoftext|>");
		vocab.add("<|endoftext|>");
		for (int i = 0; i < vocab.size(); i++) {
			encoder.put(vocab.get(i), i);
		}
		cache.put("<|startoftext|>", "<|startoftext|>");
		cache.put("<|endoftext|>", "<|endoftext|>");
	}

	/** The vocabulary shipped with this bundle. */
	public static ClipTokenizer bundled() throws ModelException {
		try (InputStream in = ClipTokenizer.class.getResourceAsStream(BUNDLED)) {
			if (in == null) {
				throw new ModelException("the CLIP vocabulary " + BUNDLED + " is missing from org.medad.nn (broken build)");
			}
			return new ClipTokenizer(in);
		} catch (IOException e) {
			throw new ModelException("cannot read the CLIP vocabulary: " + e.getMessage(), e);
		}
	}

	/** Bytes 33–126, 161–172, 174–255 keep their code point; the other 68 bytes map to 256 + n in order. */
	private static int[] byteOrder() {
		int[] order = new int[256];
		int n = 0;
		boolean[] printable = new boolean[256];
		for (int b = 0; b < 256; b++) {
			printable[b] = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
			if (printable[b]) {
				order[n++] = b;
			}
		}
		for (int b = 0; b < 256; b++) {
			if (!printable[b]) {
				order[n++] = b;
			}
		}
		return order;
	}

	/** BPE token ids of the text, without start/end tokens. */
	public List<Integer> encode(String text) {
		List<Integer> ids = new ArrayList<>();
		Matcher m = WORDS.matcher(clean(text));
		while (m.find()) {
			StringBuilder chars = new StringBuilder();
			for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
				chars.append(byteChars[b & 0xff]);
			}
			for (String piece : bpe(chars.toString()).split(" ")) {
				ids.add(encoder.get(piece));
			}
		}
		return ids;
	}

	/** [start, tokens…, end] zero-padded to {@code context}; longer texts are refused. */
	public int[] tokenize(String text, int context) {
		List<Integer> ids = encode(text);
		if (ids.size() + 2 > context) {
			throw new IllegalArgumentException("text of " + (ids.size() + 2) + " tokens exceeds the context of " + context
					+ ": \"" + text + "\"");
		}
		int[] out = new int[context];
		out[0] = START;
		for (int i = 0; i < ids.size(); i++) {
			out[i + 1] = ids.get(i);
		}
		out[ids.size() + 1] = END;
		return out;
	}

	static String clean(String text) {
		String t = unescape(unescape(text.strip()));
		return t.replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT);
	}

	private static final Map<String, String> ENTITIES = new LinkedHashMap<>(
			Map.of("&lt;", "<", "&gt;", ">", "&quot;", "\"", "&#39;", "'", "&apos;", "'", "&nbsp;", "\u00a0"));

	/** The HTML entities that occur in prompts; numeric references too. */
	private static String unescape(String s) {
		if (s.indexOf('&') < 0) {
			return s;
		}
		Matcher m = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(s);
		StringBuilder b = new StringBuilder();
		while (m.find()) {
			int cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
			m.appendReplacement(b, Matcher.quoteReplacement(new String(Character.toChars(cp))));
		}
		m.appendTail(b);
		String out = b.toString();
		for (Map.Entry<String, String> e : ENTITIES.entrySet()) {
			out = out.replace(e.getKey(), e.getValue());
		}
		return out.replace("&amp;", "&");
	}

	private String bpe(String token) {
		String cached = cache.get(token);
		if (cached != null) {
			return cached;
		}
		List<String> word = new ArrayList<>();
		token.codePoints().forEach(cp -> word.add(new String(Character.toChars(cp))));
		word.set(word.size() - 1, word.get(word.size() - 1) + "</w>");
		while (word.size() > 1) {
			int best = Integer.MAX_VALUE;
			String first = null;
			String second = null;
			for (int i = 0; i + 1 < word.size(); i++) {
				Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
				if (r != null && r < best) {
					best = r;
					first = word.get(i);
					second = word.get(i + 1);
				}
			}
			if (first == null) {
				break;
			}
			List<String> merged = new ArrayList<>();
			for (int i = 0; i < word.size(); i++) {
				if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
					merged.add(first + second);
					i++;
				} else {
					merged.add(word.get(i));
				}
			}
			word.clear();
			word.addAll(merged);
		}
		String result = String.join(" ", word);
		cache.put(token, result);
		return result;
	}
}

package org.medad.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.MedadException;
import org.medad.nn.NnTesting;

/**
 * Seeded mutations of the checkpoint fixtures (the pickle inside torch.save and TorchScript archives, and
 * safetensors headers): every case reads or is refused with a {@link MedadException} naming the file in words;
 * nothing else escapes, nothing hangs. Plus one case per parser defect found by fuzzing (issue 11).
 */
class CheckpointFuzzTest {
	static final int CASES = Integer.getInteger("medad.fuzz.cases", 2500) / 2;
	static final long[] INTEGERS = { 0, -1, -5, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
			1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE };
	static final String[] JSON_VALUES = { "-1", "0", "4294967296", "1099511627776", "1e30", "\"x\"", "null", "[]",
			"{}", "[-1]", "[4294967296,4294967296,4]", "[0,0]", "[10,2]", "1.5" };
	private static final Pattern JAVA_TEXT = Pattern.compile(
			"\\b(java|javax|sun|com\\.google)\\.[a-z]+|\\b[A-Z][A-Za-z]*(Exception|Error)\\b|(^|[:\\s])null$");

	@TempDir
	Path tmp;

	@Test
	void mutatedCheckpointsReadOrAreRefusedCleanly() throws Exception {
		List<Path> archives = new ArrayList<>();
		for (String f : List.of("tiny_state_dict.pth", "tiny_wrapped_fp16.pth", "tiny_clip_openai.pt", "evil.pth",
				"import_qfae_tiny.pth")) {
			archives.add(NnTesting.fixture(f, tmp));
		}
		List<Path> tensors = new ArrayList<>();
		for (String f : List.of("tiny_state_dict.safetensors", "unet_up.safetensors", "qformer.safetensors")) {
			tensors.add(NnTesting.fixture(f, tmp));
		}
		int read = 0;
		int refused = 0;
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			Random r = new Random(20261201L * 31 + i);
			boolean pickle = r.nextBoolean();
			Path seed = pickle ? archives.get(r.nextInt(archives.size())) : tensors.get(r.nextInt(tensors.size()));
			Path file = tmp.resolve("case-" + i + (pickle ? ".pth" : ".safetensors"));
			String kind = pickle ? mutateArchive(seed, file, r) : mutateSafetensors(seed, file, r);
			String outcome = outcome(file);
			if (outcome.isEmpty()) {
				read++;
			} else if (outcome.startsWith("refused")) {
				refused++;
			} else {
				failures.add("case " + i + " (" + seed.getFileName() + ", " + kind + "): " + outcome);
			}
			Files.delete(file);
		}
		System.out.println("checkpoint fuzz: " + CASES + " cases, " + read + " read, " + refused + " refused, "
				+ failures.size() + " failed");
		assertEquals("", String.join("\n", failures), failures.size() + " cases failed");
		assertTrue(refused > CASES / 4, "most mutations are refused: " + refused);
	}

	/** "" when it reads, "refused: ..." for a clean refusal, else what went wrong. */
	private static String outcome(Path file) {
		try {
			return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
				try {
					Checkpoints.read(file);
					return "";
				} catch (MedadException e) {
					String m = e.getMessage();
					if (m == null || !m.contains(file.getFileName().toString())) {
						return "refusal does not name the file: " + m;
					}
					if (JAVA_TEXT.matcher(m).find()) {
						return "refusal shows Java internals: " + m;
					}
					return "refused: " + m;
				} catch (Throwable t) {
					return t.toString();
				}
			});
		} catch (Throwable t) {
			return "hang or timeout: " + t;
		}
	}

	private static String mutateArchive(Path seed, Path out, Random r) throws Exception {
		List<String> names = new ArrayList<>();
		List<byte[]> contents = new ArrayList<>();
		try (ZipFile zip = new ZipFile(seed.toFile())) {
			for (var e : java.util.Collections.list(zip.entries())) {
				names.add(e.getName());
				contents.add(zip.getInputStream(e).readAllBytes());
			}
		}
		int pkl = 0;
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).endsWith("data.pkl")) {
				pkl = i;
			}
		}
		byte[] p = contents.get(pkl).clone();
		String kind;
		int pick = r.nextInt(10);
		if (pick < 3) {
			for (int k = 0; k < 1 + r.nextInt(4); k++) {
				p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
			}
			kind = "pickle-bitflip";
		} else if (pick < 5) {
			p = java.util.Arrays.copyOf(p, r.nextInt(p.length));
			kind = "pickle-truncate";
		} else if (pick < 8) {
			int at = r.nextInt(Math.max(1, p.length - 8));
			long v = INTEGERS[r.nextInt(INTEGERS.length)];
			int width = new int[] { 1, 4, 8 }[r.nextInt(3)];
			ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
			if (width == 1) {
				b.put(at, (byte) v);
			} else if (width == 4 && at + 4 <= p.length) {
				b.putInt(at, (int) v);
			} else if (at + 8 <= p.length) {
				b.putLong(at, v);
			}
			kind = "pickle-field@" + at + "=" + v;
		} else {
			byte[] ops = { 'N', 'R', 't', 's', 'a', 'e', 'u', 'b', 'Q', '.', '(', ')', 'h', 'X', (byte) 0x8d, (byte) 0x93 };
			int at = r.nextInt(p.length);
			p[at] = ops[r.nextInt(ops.length)];
			kind = "pickle-opcode@" + at;
		}
		contents.set(pkl, p);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (int i = 0; i < names.size(); i++) {
				zip.putNextEntry(new ZipEntry(names.get(i)));
				zip.write(contents.get(i));
				zip.closeEntry();
			}
		}
		byte[] z = bytes.toByteArray();
		if (r.nextInt(8) == 0) { // and now and then the archive itself
			z[r.nextInt(z.length)] ^= (byte) (1 << r.nextInt(8));
			kind += "+zip-bitflip";
		}
		Files.write(out, z);
		return kind;
	}

	private static String mutateSafetensors(Path seed, Path out, Random r) throws Exception {
		byte[] d = Files.readAllBytes(seed);
		long len = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
		String header = new String(d, 8, (int) len, StandardCharsets.UTF_8);
		byte[] body = java.util.Arrays.copyOfRange(d, 8 + (int) len, d.length);
		int pick = r.nextInt(10);
		String kind;
		if (pick < 5) { // a number or a list of the header replaced
			var m = Pattern.compile("\\[[-0-9, ]*\\]|-?[0-9]+|\"(F32|F16|BF16|F64)\"").matcher(header);
			List<int[]> spans = new ArrayList<>();
			while (m.find()) {
				spans.add(new int[] { m.start(), m.end() });
			}
			int[] s = spans.get(r.nextInt(spans.size()));
			String v = JSON_VALUES[r.nextInt(JSON_VALUES.length)];
			header = header.substring(0, s[0]) + v + header.substring(s[1]);
			kind = "header-value=" + v;
		} else if (pick < 7) {
			String[] keys = { "\"dtype\"", "\"shape\"", "\"data_offsets\"" };
			String key = keys[r.nextInt(keys.length)];
			header = header.replaceFirst(Pattern.quote(key), "\"x" + key.substring(1));
			kind = "header-key-removed " + key;
		} else if (pick < 8) {
			ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putLong(0, INTEGERS[r.nextInt(INTEGERS.length)]);
			Files.write(out, d);
			return "length-field";
		} else if (pick < 9) {
			Files.write(out, java.util.Arrays.copyOf(d, r.nextInt(d.length)));
			return "truncate";
		} else {
			d[r.nextInt(Math.min(d.length, 8 + (int) len))] ^= (byte) (1 << r.nextInt(8));
			Files.write(out, d);
			return "bitflip";
		}
		byte[] h = header.getBytes(StandardCharsets.UTF_8);
		ByteBuffer b = ByteBuffer.allocate(8 + h.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(h.length).put(h).put(body);
		Files.write(out, b.array());
		return kind;
	}

	// --- one case per defect of issue 11 ---

	private Path pickle(int... ops) throws Exception {
		Path file = tmp.resolve("p" + System.nanoTime() + ".pth");
		byte[] b = new byte[ops.length];
		for (int i = 0; i < ops.length; i++) {
			b[i] = (byte) ops[i];
		}
		try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry("archive/data.pkl"));
			zip.write(b);
			zip.closeEntry();
		}
		return file;
	}

	private static void refusedCleanly(Path file, String words) {
		String o = outcome(file);
		assertTrue(o.startsWith("refused") && o.contains(words), o);
	}

	@Test
	void pickleLengthsAndReduceOnNothingAreRefused() throws Exception {
		refusedCleanly(pickle(0x80, 2, 'X', 0xFB, 0xFF, 0xFF, 0xFF, 'a', '.'),
				"length -5"); // BINUNICODE -5
		refusedCleanly(pickle(0x80, 2, 0x8d, 0, 0, 0, 0, 0, 1, 0, 0, '.'), "length 1099511627776");
		refusedCleanly(pickle(0x80, 2, 'N', 'N', 'R', '.'), "REDUCE");
	}

	private Path safetensors(String header) throws Exception {
		Path file = tmp.resolve("s" + System.nanoTime() + ".safetensors");
		byte[] h = header.getBytes(StandardCharsets.UTF_8);
		Files.write(file, ByteBuffer.allocate(8 + h.length + 16).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
				.array());
		return file;
	}

	@Test
	void safetensorsEntriesThatLieAreRefused() throws Exception {
		refusedCleanly(safetensors("{\"a\": 5}"), "not described by an object");
		refusedCleanly(safetensors("{\"a\": {\"shape\": [2], \"data_offsets\": [0, 8]}}"), "dtype");
		refusedCleanly(safetensors("{\"a\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}"),
				"negative");
		refusedCleanly(safetensors("{\"a\": {\"dtype\": \"F32\", \"shape\": [4294967296, 4294967296, 4], "
				+ "\"data_offsets\": [0, 0]}}"), "more values");
	}
}

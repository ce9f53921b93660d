package org.medad.io.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/** libdeflate, when the system has it, decodes exactly what zlib wrote and declines what it cannot. */
class LibdeflateTest {

	@Test
	void decodesWhatZlibWroteAndDeclinesWrongSizes() throws Exception {
		Libdeflate d = Libdeflate.instance();
		boolean installed = Files.exists(Path.of("/lib/x86_64-linux-gnu/libdeflate.so.0"))
				|| Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libdeflate.so.0"));
		if (d == null) {
			if (installed && Runtime.version().feature() >= 22) {
				throw new AssertionError("libdeflate.so.0 is installed and Java >= 22, yet it was not loaded");
			}
			System.err.println("SKIPPED LibdeflateTest: libdeflate.so.0 not installed or Java < 22 (zlib is used)");
			assumeTrue(false);
		}
		byte[] data = new byte[3_000_000];
		new Random(1).nextBytes(data);
		for (int i = 0; i < data.length; i += 3) {
			data[i] = 0;
		}
		ByteArrayOutputStream gz = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
			out.write(data);
		}
		ByteBuffer back = d.gunzip(gz.toByteArray(), data.length);
		byte[] got = new byte[data.length];
		back.get(got);
		assertArrayEquals(data, got);
		assertNull(d.gunzip(gz.toByteArray(), data.length + 10), "a wrong size is declined, not padded");
		byte[] corrupt = gz.toByteArray();
		corrupt[corrupt.length / 2] ^= 0x55;
		assertNull(d.gunzip(corrupt, data.length), "corrupt data are declined");
	}
}

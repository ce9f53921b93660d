package org.medad.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.ModelException;

/** Reading safetensors tensor by tensor: what large foundation models load through. */
class TensorStoreTest {
	@TempDir
	Path dir;

	private static Map<String, Tensor> weights() {
		Map<String, Tensor> w = new LinkedHashMap<>();
		w.put("blocks.0.w", Tensor.of(new float[] { 1, -2, 3.5f, 4, 5, 6 }, 2, 3));
		w.put("blocks.1.w", Tensor.of(new float[] { 0.25f }, 1));
		w.put("head.b", Tensor.of(new float[] { -7, 8 }, 2));
		return w;
	}

	@Test
	void tensorsReadOneAtATimeEqualTheWholeFile() throws Exception {
		Path f = dir.resolve("w.safetensors");
		Safetensors.write(f, weights());
		try (TensorStore s = Safetensors.open(f)) {
			assertEquals(List.of("blocks.0.w", "blocks.1.w", "head.b"), List.copyOf(s.shapes().keySet()));
			assertArrayEquals(new long[] { 2, 3 }, s.shapes().get("blocks.0.w"));
			assertEquals(weights().get("head.b"), s.tensor("head.b"));
			// into a direct buffer at an offset, as the engine load does
			ByteBuffer into = ByteBuffer.allocateDirect(40).order(ByteOrder.LITTLE_ENDIAN);
			into.position(8);
			s.read("blocks.0.w", into);
			assertEquals(8 + 24, into.position());
			assertEquals(-2f, into.getFloat(12));
			assertEquals(6f, into.getFloat(28));
		}
		assertEquals(weights(), Safetensors.read(f));
	}

	@Test
	void halfBfloatAndDoubleTensorsComeAsFloat32() throws Exception {
		Path f = dir.resolve("mixed.safetensors");
		ByteBuffer data = ByteBuffer.allocate(2 * 2 + 2 * 2 + 8 * 2).order(ByteOrder.LITTLE_ENDIAN);
		data.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-0.25f));
		data.putShort((short) (Float.floatToIntBits(3f) >>> 16)).putShort((short) (Float.floatToIntBits(-8f) >>> 16));
		data.putDouble(0.125).putDouble(1e3);
		write(f, "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
				+ "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]},"
				+ "\"d\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[8,24]}}", data.array());
		try (TensorStore s = Safetensors.open(f)) {
			assertArrayEquals(new float[] { 1.5f, -0.25f }, s.tensor("h").data());
			assertArrayEquals(new float[] { 3f, -8f }, s.tensor("b").data());
			assertArrayEquals(new float[] { 0.125f, 1000f }, s.tensor("d").data());
		}
	}

	@Test
	void aDamagedEntryIsRefusedWhenTheFileOpensNotHalfWayThroughALoad() throws Exception {
		Path f = dir.resolve("bad.safetensors");
		write(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
				+ "\"z\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[4,20]}}", new byte[8]);
		ModelException e = assertThrows(ModelException.class, () -> Safetensors.open(f));
		assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("'z'")
				&& e.getMessage().contains("past the end"), e.getMessage());
	}

	@Test
	void viewsRenameAndFilterWithoutReading() throws Exception {
		try (TensorStore s = TensorStore.of(weights())) {
			TensorStore blocks = s.under("blocks.");
			assertEquals(List.of("0.w", "1.w"), List.copyOf(blocks.shapes().keySet()));
			assertEquals(weights().get("blocks.1.w"), blocks.tensor("1.w"));
			TensorStore noHead = s.renamed(k -> k.startsWith("head.") ? null : "enc." + k);
			assertEquals(List.of("enc.blocks.0.w", "enc.blocks.1.w"), List.copyOf(noHead.shapes().keySet()));
			ModelException e = assertThrows(ModelException.class, () -> noHead.tensor("head.b"));
			assertTrue(e.getMessage().contains("'head.b'"), e.getMessage());
		}
	}

	@Test
	void aPackageIsReadTensorByTensorAndANameInTwoFilesIsRefused() throws Exception {
		try (TensorStore a = TensorStore.of(Map.of("x", Tensor.of(new float[] { 1 }, 1)));
				TensorStore b = TensorStore.of(Map.of("x", Tensor.of(new float[] { 2 }, 1)))) {
			ModelException e = assertThrows(ModelException.class, () -> TensorStore.joined(List.of(a, b), "pkg"));
			assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("two weight files"), e.getMessage());
		}
		ModelPackage written = ModelPackage.write(dir.resolve("m"), ModelPackageTest.manifest(), weights());
		Path zip = dir.resolve("m.zip");
		ModelPackage.zip(written, zip);
		for (Path p : List.of(dir.resolve("m"), zip)) {
			try (TensorStore s = ModelPackage.read(p).weights()) {
				assertEquals(weights(), s.all(), p.toString());
			}
		}
	}

	private static void write(Path f, String header, byte[] data) throws Exception {
		byte[] json = header.getBytes(StandardCharsets.UTF_8);
		ByteBuffer b = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(json.length).put(json).put(data);
		Files.write(f, b.array());
	}
}

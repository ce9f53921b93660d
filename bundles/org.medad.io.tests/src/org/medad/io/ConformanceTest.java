package org.medad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every file of ../shared/testdata in a format this bundle reads, through the installed format services,
 * against expected.json: dims, datatype, spacing, affine, statistics of the real values and sampled
 * voxels (relative tolerance 1e-4, 2e-2 for lossy files). Files marked unreadable must fail with an
 * error naming the file.
 */
class ConformanceTest {
	/** Folders of testdata whose formats are implemented; the rest arrive with their readers. */
	static final List<String> SUPPORTED = List.of("nifti/", "png/", "meta/", "dicom/");

	/** Codecs (expected.json "needs_codec") this reader refuses by design, with exit 3 and the syntax named. */
	static final List<String> NOT_IMPLEMENTED = List.of("JPEG extended", "JPEG-LS", "JPEG 2000");

	static Stream<String> files() throws Exception {
		JsonObject all = JsonParser.parseString(java.nio.file.Files.readString(TestData.dir().resolve("expected.json")))
				.getAsJsonObject();
		List<String> out = new ArrayList<>();
		for (String k : all.keySet()) {
			if (SUPPORTED.stream().anyMatch(k::startsWith)) {
				out.add(k);
			}
		}
		return out.stream();
	}

	@ParameterizedTest
	@MethodSource("files")
	void fileMatchesExpected(String name) throws Exception {
		JsonObject e = TestData.expected(name);
		Path path = TestData.dir().resolve(name);
		ImageFormat format = FormatServices.get().formatOf(path);
		String codec = e.has("needs_codec") && !e.get("needs_codec").isJsonNull() ? e.get("needs_codec").getAsString()
				: null;
		if (codec != null && NOT_IMPLEMENTED.stream().anyMatch(codec::startsWith)) {
			BadInputException err = assertThrows(BadInputException.class, () -> format.read(path));
			assertTrue(err.getMessage().startsWith(path.toString()) && err.getMessage().contains("unsupported transfer "
					+ "syntax"), "refusal names the file and the syntax: " + err.getMessage());
			return;
		}
		if (e.has("readable") && !e.get("readable").getAsBoolean()) {
			BadInputException err = assertThrows(BadInputException.class, () -> format.read(path));
			assertTrue(err.getMessage().contains(path.getFileName().toString().replaceFirst("\\..*", "")),
					"error names the file: " + err.getMessage());
			if (e.get("dims") == null || e.get("dims").isJsonNull()) {
				assertThrows(BadInputException.class, () -> format.parseHeader(path), name + " has no parseable header");
			} else {
				checkHeader(e, format.parseHeader(path), name);
			}
			return;
		}
		ImageHeader h = format.parseHeader(path);
		checkHeader(e, h, name);
		Volume v = format.read(path);
		double tol = e.has("lossy") && e.get("lossy").getAsBoolean() ? 2e-2 : 1e-4;
		checkStats(e.getAsJsonObject("stats"), Images.toArray(v.voxels()), tol, name);
		if (e.has("samples")) {
			for (JsonElement s : e.getAsJsonArray("samples")) {
				checkSample(s.getAsJsonObject(), v, tol, name);
			}
		}
	}

	private static void checkHeader(JsonObject e, ImageHeader h, String name) {
		JsonArray dims = e.getAsJsonArray("dims");
		assertEquals(dims.size(), h.dims().length, name + " dims " + dims);
		for (int i = 0; i < dims.size(); i++) {
			assertEquals(dims.get(i).getAsLong(), h.dims()[i], name + " dim " + i);
		}
		assertEquals(e.get("channels") == null ? 1 : e.get("channels").getAsInt(), h.channels(), name + " channels");
		assertEquals(e.get("datatype").getAsString(), h.datatype(), name + " datatype");
		if (e.has("spacing") && !e.get("spacing").isJsonNull()) {
			JsonArray sp = e.getAsJsonArray("spacing");
			assertNotNull(h.spacing(), name + " spacing");
			for (int i = 0; i < sp.size(); i++) {
				if (sp.get(i).isJsonNull()) {
					assertTrue(Double.isNaN(h.spacing()[i]), name + " spacing " + i + " should be unknown");
				} else {
					assertClose(sp.get(i).getAsDouble(), h.spacing()[i], 1e-5, name + " spacing " + i);
				}
			}
		}
		JsonElement affine = e.has("affine") ? e.get("affine") : e.get("affine_ras_derived");
		if (affine != null && !affine.isJsonNull()) {
			assertNotNull(h.affine(), name + " affine");
			JsonArray rows = affine.getAsJsonArray();
			for (int r = 0; r < 4; r++) {
				for (int c = 0; c < 4; c++) {
					assertClose(rows.get(r).getAsJsonArray().get(c).getAsDouble(), h.affine()[4 * r + c], 1e-5,
							name + " affine[" + r + "][" + c + "]");
				}
			}
		}
	}

	private static void checkStats(JsonObject s, float[] values, double tol, String name) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		double sum = 0;
		long n = 0;
		for (float f : values) {
			if (!Float.isNaN(f)) {
				min = Math.min(min, f);
				max = Math.max(max, f);
				sum += f;
				n++;
			}
		}
		assertEquals(s.get("count").getAsLong(), n + (s.has("nan_count") ? s.get("nan_count").getAsLong() : 0),
				name + " count");
		assertClose(s.get("min").getAsDouble(), min, tol, name + " min");
		assertClose(s.get("max").getAsDouble(), max, tol, name + " max");
		assertClose(s.get("mean").getAsDouble(), sum / n, tol, name + " mean");
		assertClose(s.get("sum").getAsDouble(), sum, tol, name + " sum");
	}

	private static void checkSample(JsonObject s, Volume v, double tol, String name) {
		JsonArray idx = s.getAsJsonArray("index");
		var ra = v.voxels().randomAccess();
		long[] pos = new long[v.voxels().numDimensions()];
		for (int i = 0; i < idx.size() && i < pos.length; i++) {
			pos[i] = idx.get(i).getAsLong();
		}
		JsonElement value = s.get("value");
		if (value.isJsonArray()) { // colour: one value per channel, channel axis last
			JsonArray ch = value.getAsJsonArray();
			for (int c = 0; c < ch.size(); c++) {
				pos[pos.length - 1] = c;
				ra.setPosition(pos);
				assertClose(ch.get(c).getAsDouble(), ra.get().get(), tol, name + " sample " + s.get("name") + " c" + c);
			}
			return;
		}
		ra.setPosition(pos);
		assertClose(value.getAsDouble(), ra.get().get(), tol, name + " sample " + s.get("name"));
	}

	static void assertClose(double expected, double actual, double rel, String what) {
		double bound = Math.max(rel * Math.abs(expected), 1e-6);
		assertTrue(Math.abs(expected - actual) <= bound, what + ": expected " + expected + " but was " + actual);
	}
}

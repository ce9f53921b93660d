package org.medad.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * MVFA's acceptance through the product (issue 14): the official micro CLIP archive and adapter checkpoint of
 * {@code ../shared/fixtures/mvfa-micro}, imported with {@code models import --from mvfa-pth}, the shots given in the
 * official seed-list format, {@code train --set epochs=0} (text features and memory bank only), then
 * {@code evaluate} and {@code score} reproduce the official final scores and pixel AUROC; and the refusals of bad
 * input.
 */
class MvfaParityTest {
	static final Path FIXTURE = Path.of(System.getProperty("medad.fixtures", "../../../shared/fixtures"))
			.resolve("mvfa-micro");

	@TempDir
	static Path tmp;
	static Path pkg;
	static Map<String, float[]> official;

	@BeforeAll
	static void importCheckpoint() throws Exception {
		if (!Files.isDirectory(FIXTURE)) {
			String msg = "fixture folder " + FIXTURE + " not found";
			if (System.getenv("CI") != null) {
				throw new AssertionError(msg + "; under CI the shared fixtures must be present");
			}
			System.err.println("SKIPPED: " + msg);
			Assumptions.assumeTrue(false, msg);
		}
		official = floats(FIXTURE.resolve("outputs.npz"), List.of("few_image_scores_Brain", "few_image_scores_Chest",
				"few_pixel_auc_Brain"));
		pkg = tmp.resolve("official");
		Product.Result r = Product.medad(Product.HEADLESS, "models", "import", "--from", "mvfa-pth",
				FIXTURE.resolve("adapters.pth").toString(), FIXTURE.resolve("ViT-micro-14-336px.pt").toString(), "--arch",
				FIXTURE.resolve("ViT-micro-14-336.json").toString(), "--out", pkg.toString());
		assertEquals(0, r.exitCode(), r.toString());
	}

	static Path seeds(String name, String normal, String anomalous) throws IOException {
		Path f = tmp.resolve(name);
		Files.writeString(f, "a-0: " + anomalous + "\nn-0: " + normal + "\na-1: ignored.png\n");
		return f;
	}

	static Product.Result fit(String cls, String dataset, Path seeds, Path out) throws Exception {
		return Product.medad(Product.HEADLESS, "train", "--detector", "mvfa", "--data", FIXTURE.resolve("data")
				.resolve(cls + "_AD").toString(), "--set", "start=" + pkg, "--set", "epochs=0", "--set", "dataset="
						+ dataset, "--shot-list", seeds.toString(), "--out", out.toString());
	}

	@Test
	void brainEvaluatesAsTheOfficialTestFew() throws Exception {
		Path model = tmp.resolve("brain");
		Product.Result t = fit("Brain", "brain", seeds("brain.txt", "01368_60.png 00303_99.png",
				"01471_60.png 00124_80.png"), model);
		assertEquals(0, t.exitCode(), t.toString());
		Path eval = tmp.resolve("brain-eval");
		Product.Result e = Product.medad(Product.HEADLESS, "evaluate", "--model", model.toString(), "--data",
				FIXTURE.resolve("data/Brain_AD").toString(), "--out", eval.toString(), "--json");
		assertEquals(0, e.exitCode(), e.toString());
		Map<String, Double> scores = scores(eval.resolve("scores.csv"));
		float[] expected = official.get("few_image_scores_Brain");
		assertEquals(expected[0], scores.get("test/good/img/query_0.png"), 1e-4);
		assertEquals(expected[1], scores.get("test/Ungood/img/query_1.png"), 1e-4);
		assertEquals(expected[2], scores.get("test/Ungood/img/query_2.png"), 1e-4);
		JsonObject m = JsonParser.parseString(e.out()).getAsJsonObject();
		assertEquals(official.get("few_pixel_auc_Brain")[0], m.get("pixel_auroc").getAsDouble(), 1e-4,
				"pixel AUROC over all test pixels, normal images included");
	}

	@Test
	void chestScoresAFolderAsTheOfficialTestFew() throws Exception {
		Path model = tmp.resolve("chest");
		Product.Result t = fit("Chest", "chest", seeds("chest.txt",
				"Normal-ff5b2932-f065-4b79-b2f8-ec2143ffc977.png Normal-ff863e04-0cd1-4cc4-b68d-f403d05193c4.png",
				"Lung_Opacity_3dcd38ce-8adc-4c9b-92f7-768a33611f57.png"
						+ " Lung_Opacity_03e9a70f-3de8-4e13-b3f2-9dd6d75f496d.png"), model);
		assertEquals(0, t.exitCode(), t.toString());
		Path out = tmp.resolve("chest-scores");
		Product.Result s = Product.medad(Product.HEADLESS, "score", "--model", model.toString(), "--input",
				FIXTURE.resolve("data/Chest_AD/test").toString(), "--out", out.toString(), "--batch", "2");
		assertEquals(0, s.exitCode(), s.toString());
		Map<String, Double> scores = scores(out.resolve("scores.csv"));
		float[] expected = official.get("few_image_scores_Chest");
		assertEquals(expected[0], scores.get("good/img/query_0.png"), 1e-4);
		assertEquals(expected[1], scores.get("Ungood/img/query_1.png"), 1e-4);
		assertEquals(expected[2], scores.get("Ungood/img/query_2.png"), 1e-4);
		JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
		assertEquals(3, run.get("normalised_over_cases").getAsInt());
	}

	@Test
	void badShotsAndArchivesAreRefusedWithTheirNames() throws Exception {
		Product.Result missing = fit("Brain", "brain", seeds("missing.txt", "01368_60.png nowhere_1.png",
				"01471_60.png"), tmp.resolve("missing"));
		assertEquals(3, missing.exitCode(), missing.toString());
		assertTrue(missing.err().contains("nowhere_1.png"), missing.err());

		Product.Result tooMany = Product.medad(Product.HEADLESS, "train", "--detector", "mvfa", "--data",
				FIXTURE.resolve("data/Brain_AD").toString(), "--set", "start=" + pkg, "--set", "epochs=0", "--set", "shots=5",
				"--out", tmp.resolve("too-many").toString());
		assertEquals(3, tooMany.exitCode(), tooMany.toString());
		assertTrue(tooMany.err().contains("5 normal shots asked for") && tooMany.err().contains("holds 2"),
				tooMany.err());

		Product.Result other = Product.medad(Product.HEADLESS, "models", "import", "--from", "mvfa-pth",
				FIXTURE.resolve("adapters.pth").toString(), FIXTURE.resolve("ViT-micro-14-336px.pt").toString(), "--out",
				tmp.resolve("wrong-arch").toString());
		assertEquals(4, other.exitCode(), other.toString());
		assertTrue(other.err().contains("does not fit") && other.err().contains("checkpoint (192, 64), model (3072, 1024)"),
				other.err());
	}

	static Map<String, Double> scores(Path csv) throws IOException {
		Map<String, Double> out = new LinkedHashMap<>();
		for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
			String[] c = line.split(",");
			out.put(c[0], Double.parseDouble(c[1]));
		}
		return out;
	}

	private static final Pattern DESCR = Pattern.compile("'descr':\\s*'<(f)(4|8)'");
	private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

	/** The named float32/float64 arrays of a .npz archive, as floats. */
	static Map<String, float[]> floats(Path npz, List<String> names) throws IOException {
		Map<String, float[]> out = new LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(npz.toFile())) {
			for (String name : names) {
				try (InputStream in = zip.getInputStream(zip.getEntry(name + ".npy"))) {
					ByteArrayOutputStream all = new ByteArrayOutputStream();
					in.transferTo(all);
					ByteBuffer b = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
					int headerLength = b.getShort(8) & 0xffff;
					String header = new String(all.toByteArray(), 10, headerLength, StandardCharsets.ISO_8859_1);
					Matcher d = DESCR.matcher(header);
					Matcher s = SHAPE.matcher(header);
					assertTrue(d.find() && s.find(), name + ": " + header);
					int n = 1;
					for (String dim : s.group(1).split(",")) {
						if (!dim.isBlank()) {
							n *= Integer.parseInt(dim.strip());
						}
					}
					boolean doubles = d.group(2).equals("8");
					float[] v = new float[n];
					b.position(10 + headerLength);
					for (int i = 0; i < n; i++) {
						v[i] = doubles ? (float) b.getDouble() : b.getFloat();
					}
					out.put(name, v);
				}
			}
		}
		return out;
	}
}

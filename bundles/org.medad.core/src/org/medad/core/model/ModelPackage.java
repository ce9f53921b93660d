package org.medad.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.medad.core.error.ModelException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * A trained detector on disk: a folder with {@code model.json} and safetensors weights. Writing is
 * atomic (the whole folder appears at once); reading verifies every weight file's size and SHA-256
 * and refuses a mismatch, so a model that was altered or half-copied is never used.
 */
public final class ModelPackage {
	public static final String MANIFEST = "model.json";
	public static final String WEIGHTS = "weights.safetensors";
	/** SHA-256 of model.json in {@code sha256sum} format: an edit or damage to the manifest is caught on reading. */
	public static final String CHECKSUM = MANIFEST + ".sha256";
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

	private final Path folder;
	private final Path root;
	private final ModelManifest manifest;
	private final String manifestSha256;

	private ModelPackage(Path folder, Path root, ModelManifest manifest, String manifestSha256) {
		this.folder = folder;
		this.root = root;
		this.manifest = manifest;
		this.manifestSha256 = manifestSha256;
	}

	/** Where the package is: its folder, or its .zip file. */
	public Path folder() {
		return folder;
	}

	public ModelManifest manifest() {
		return manifest;
	}

	/** SHA-256 of model.json: identifies the model in run records and metrics. */
	public String sha256() {
		return manifestSha256;
	}

	/** Writes weights and manifest into {@code folder}, replacing any package there only once complete. */
	public static ModelPackage write(Path folder, ModelManifest manifest, Map<String, Tensor> weights)
			throws IOException {
		return write(folder, manifest, weights, tmp -> {
		});
	}

	/**
	 * As {@link #write(Path, ModelManifest, Map)}, plus files that {@code extras} writes into the same folder before it
	 * is moved into place (a training checkpoint adds its optimiser state), so that both appear together or not at
	 * all. A .zip package holds the model alone.
	 */
	public static ModelPackage write(Path folder, ModelManifest manifest, Map<String, Tensor> weights,
			AtomicFiles.Writer extras) throws IOException {
		if (folder.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
			Path staging = Files.createTempDirectory("medad-model");
			try {
				ModelPackage staged = write(staging.resolve("package"), manifest, weights);
				zip(staged, folder);
			} finally {
				AtomicFiles.deleteTree(staging);
			}
			try {
				return read(folder);
			} catch (ModelException e) {
				throw new IOException("package just written to " + folder + " does not read back: " + e.getMessage(), e);
			}
		}
		AtomicFiles.write(folder, tmp -> {
			Files.createDirectories(tmp);
			Path weightFile = tmp.resolve(WEIGHTS);
			Safetensors.write(weightFile, weights);
			var entry = new ModelManifest.WeightFile(WEIGHTS, Hashes.sha256(weightFile), Files.size(weightFile));
			String json = GSON.toJson(manifest.withWeights(List.of(entry))) + "\n";
			Files.writeString(tmp.resolve(MANIFEST), json);
			Files.writeString(tmp.resolve(CHECKSUM), checksumLine(Hashes.sha256(json)));
			extras.write(tmp);
		});
		try {
			return read(folder);
		} catch (ModelException e) {
			throw new IOException("package just written to " + folder + " does not read back: " + e.getMessage(), e);
		}
	}

	/**
	 * Whether {@code path} is a model package written by this program (a folder or .zip with a model.json naming a
	 * detector), intact or not: what {@code --overwrite} may replace. Anything else is the user's and never replaced.
	 */
	public static boolean looksLikePackage(Path path) {
		try {
			if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
					.endsWith(".zip")) {
				try (var zip = new java.util.zip.ZipFile(path.toFile())) {
					var entry = zip.getEntry(MANIFEST);
					return entry != null && entry.getSize() < 16 << 20
							&& isManifest(new String(zip.getInputStream(entry).readNBytes(16 << 20),
									java.nio.charset.StandardCharsets.UTF_8));
				}
			}
			Path json = path.resolve(MANIFEST);
			return Files.isDirectory(path) && Files.isRegularFile(json) && Files.size(json) < 16 << 20
					&& isManifest(Files.readString(json));
		} catch (IOException | RuntimeException e) {
			return false;
		}
	}

	private static boolean isManifest(String text) {
		try {
			var o = com.google.gson.JsonParser.parseString(text);
			return o.isJsonObject() && o.getAsJsonObject().has("formatVersion") && o.getAsJsonObject().has("detector");
		} catch (RuntimeException e) {
			return false;
		}
	}

	public static ModelPackage read(Path folder) throws ModelException {
		if (Files.isRegularFile(folder) && folder.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
				.endsWith(".zip")) {
			return readZip(folder);
		}
		Path json = folder.resolve(MANIFEST);
		if (!Files.isDirectory(folder)) {
			throw new ModelException(folder + ": no model package here (expected a folder with " + MANIFEST + ")");
		}
		return checked(folder, json, true);
	}

	/** Reads, (optionally) checksums, parses and checks the manifest and verifies every weight file. */
	private static ModelPackage checked(Path folder, Path json, boolean checksum) throws ModelException {
		String text = readManifest(folder, json);
		if (checksum) {
			verifyChecksum(folder, json, text);
		}
		ModelManifest manifest = parse(json, text);
		ManifestRules.check(json, manifest);
		for (ModelManifest.WeightFile w : manifest.weights()) {
			verify(folder, w);
		}
		return new ModelPackage(folder, folder, manifest, Hashes.sha256(text));
	}

	private static String readManifest(Path folder, Path json) throws ModelException {
		try {
			if (Files.size(json) > 16 << 20) {
				throw new ModelException(json + ": " + Files.size(json) + " bytes; a model manifest is a few kilobytes");
			}
			return Files.readString(json);
		} catch (NoSuchFileException e) {
			throw new ModelException(folder + ": not a model package, " + MANIFEST + " is missing");
		} catch (java.nio.charset.CharacterCodingException e) {
			throw new ModelException(json + ": not UTF-8 text (damaged?)", e);
		} catch (IOException e) {
			throw new ModelException(json + ": unreadable: " + e.getMessage(), e);
		}
	}

	private static ModelManifest parse(Path json, String text) throws ModelException {
		try {
			ModelManifest manifest = GSON.fromJson(text, ModelManifest.class);
			if (manifest == null) {
				throw new ModelException(json + ": empty; a model.json holds one JSON object");
			}
			return manifest;
		} catch (JsonParseException | IllegalStateException | NumberFormatException e) {
			throw new ModelException(json + ": not a valid model manifest (truncated or edited?): " + words(e), e);
		}
	}

	/** Gson's message without the Java exception class names it wraps. */
	private static String words(Throwable e) {
		String m = e.getMessage() == null ? "" : e.getMessage();
		m = m.replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*(?:Exception|Error): ", "");
		m = m.replaceAll("\\s*See https://\\S+", "").trim();
		return m.isEmpty() ? "malformed JSON" : m;
	}

	private static void verifyChecksum(Path folder, Path json, String text) throws ModelException {
		Path file = folder.resolve(CHECKSUM);
		String recorded;
		try {
			recorded = Files.readString(file).trim();
		} catch (NoSuchFileException e) {
			throw new ModelException(file + ": missing, so " + MANIFEST + " cannot be checked; the package is "
					+ "incomplete or was written by an earlier build of MedAD. If you trust it, accept it with: medad models seal "
					+ folder);
		} catch (IOException e) {
			throw new ModelException(file + ": unreadable: " + e.getMessage(), e);
		}
		String sha = Hashes.sha256(text);
		if (!recorded.equals(checksumLine(sha).trim())) {
			throw new ModelException(json + ": changed since the package was written (SHA-256 "
					+ sha + ", " + CHECKSUM + " records " + recorded.split("\\s+")[0]
					+ "): damaged or edited. If the edit was deliberate, check and accept it with: medad models seal "
					+ folder);
		}
	}

	/** The checksum file's line for a manifest of this SHA-256, as {@code sha256sum} writes it. */
	private static String checksumLine(String manifestSha256) {
		return manifestSha256 + "  " + MANIFEST + "\n";
	}

	/** A check of a package's content before it is sealed (the detector's verdict on its settings). */
	public interface Acceptance {
		void check(ModelPackage unsealed) throws ModelException;
	}

	/**
	 * Accepts the package's current model.json as intended (after a deliberate edit): checks it like a read except for
	 * the checksum, has {@code acceptance} check it, and only then records its checksum anew.
	 */
	public static ModelPackage seal(Path folder, Acceptance acceptance) throws ModelException, IOException {
		if (!Files.isDirectory(folder)) {
			throw new ModelException(folder + ": only a package folder can be sealed (unpack a .zip, seal, zip again)");
		}
		Path json = folder.resolve(MANIFEST);
		ModelPackage unsealed = checked(folder, json, false);
		acceptance.check(unsealed);
		// the checksum of exactly the text that was checked
		AtomicFiles.writeString(folder.resolve(CHECKSUM), checksumLine(unsealed.sha256()));
		return read(folder);
	}

	/**
	 * A package shipped as one .zip (model.json and weights at its root): read in place through the JDK's zip
	 * file system, verified like a folder. The archive stays open for the model's weights to be read.
	 */
	private static ModelPackage readZip(Path zip) throws ModelException {
		try {
			java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip, (ClassLoader) null);
			ModelPackage inside = read(fs.getPath("/"));
			return new ModelPackage(zip, inside.root, inside.manifest, inside.manifestSha256);
		} catch (java.util.zip.ZipException e) {
			throw new ModelException(zip + ": not a readable zip archive: " + e.getMessage(), e);
		} catch (IOException e) {
			throw new ModelException(zip + ": unreadable: " + e.getMessage(), e);
		} catch (ModelException e) {
			throw new ModelException(zip + " (zip): " + e.getMessage(), e);
		}
	}

	/** The package as a single .zip file (same content as the folder), written atomically. */
	public static void zip(ModelPackage pkg, Path zipFile) throws IOException {
		AtomicFiles.write(zipFile, tmp -> {
			try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(tmp));
					var files = Files.list(pkg.root)) {
				for (Path f : files.sorted().toList()) {
					out.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
					Files.copy(f, out);
					out.closeEntry();
				}
			}
		});
	}

	private static void verify(Path folder, ModelManifest.WeightFile w) throws ModelException {
		Path file = folder.resolve(w.file()).normalize();
		if (!file.startsWith(folder.normalize())) {
			throw new ModelException(folder + ": weight file '" + w.file() + "' lies outside the package");
		}
		try {
			long size = Files.size(file);
			if (size != w.size()) {
				throw new ModelException(file + ": size " + size + " bytes, model.json says " + w.size());
			}
			String sha = Hashes.sha256(file);
			if (!sha.equals(w.sha256())) {
				throw new ModelException(file + ": SHA-256 " + sha + " does not match model.json (" + w.sha256()
						+ "); the file was altered or damaged");
			}
		} catch (NoSuchFileException e) {
			throw new ModelException(file + ": weight file listed in model.json is missing");
		} catch (IOException e) {
			throw new ModelException(file + ": unreadable: " + e.getMessage(), e);
		}
	}

	/** All tensors of all weight files, on the heap (small models; large ones load from {@link #weights()}). */
	public Map<String, Tensor> tensors() throws ModelException {
		try (TensorStore store = weights()) {
			return store.all();
		}
	}

	/**
	 * The tensors of all weight files, read one at a time (close it when done): loading a foundation model this way
	 * needs no heap copy of it. A name in two weight files is refused.
	 */
	public TensorStore weights() throws ModelException {
		List<TensorStore> files = new java.util.ArrayList<>();
		try {
			for (ModelManifest.WeightFile w : manifest.weights()) {
				try {
					files.add(Safetensors.open(root.resolve(w.file())));
				} catch (IOException e) {
					throw new ModelException(folder + ": weight file " + w.file() + " unreadable: " + e.getMessage(), e);
				}
			}
			return TensorStore.joined(files, folder.toString());
		} catch (ModelException | RuntimeException e) {
			files.forEach(TensorStore::close);
			throw e;
		}
	}

	/** A named tensor with the expected shape, or a clear error naming what is wrong. */
	public static Tensor require(Map<String, Tensor> tensors, String name, long... shape) throws ModelException {
		Tensor t = tensors.get(name);
		if (t == null) {
			throw new ModelException("model weights lack tensor '" + name + "'; present: " + tensors.keySet());
		}
		if (!java.util.Arrays.equals(t.shape(), shape)) {
			throw new ModelException("tensor '" + name + "' has shape " + java.util.Arrays.toString(t.shape())
					+ ", expected " + java.util.Arrays.toString(shape));
		}
		return t;
	}

	public static String toJson(Object value) {
		return GSON.toJson(value);
	}
}

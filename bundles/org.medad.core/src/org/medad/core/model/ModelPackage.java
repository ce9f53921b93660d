package org.medad.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
			Files.writeString(tmp.resolve(MANIFEST), GSON.toJson(manifest.withWeights(List.of(entry))) + "\n");
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
		ModelManifest manifest;
		String text;
		try {
			text = Files.readString(json);
			manifest = GSON.fromJson(text, ModelManifest.class);
		} catch (NoSuchFileException e) {
			throw new ModelException(folder + ": not a model package, " + MANIFEST + " is missing");
		} catch (IOException | JsonParseException e) {
			throw new ModelException(json + ": unreadable: " + e.getMessage(), e);
		}
		if (manifest == null || manifest.detector() == null || manifest.weights() == null) {
			throw new ModelException(json + ": incomplete manifest (detector or weights missing)");
		}
		if (manifest.formatVersion() != ModelManifest.FORMAT_VERSION) {
			throw new ModelException(json + ": package format " + manifest.formatVersion() + " is not supported (this "
					+ "version reads format " + ModelManifest.FORMAT_VERSION + ")");
		}
		for (ModelManifest.WeightFile w : manifest.weights()) {
			verify(folder, w);
		}
		return new ModelPackage(folder, folder, manifest, Hashes.sha256(text));
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

	/** All tensors of all weight files. */
	public Map<String, Tensor> tensors() throws ModelException {
		Map<String, Tensor> all = new LinkedHashMap<>();
		for (ModelManifest.WeightFile w : manifest.weights()) {
			try {
				all.putAll(Safetensors.read(root.resolve(w.file())));
			} catch (IOException e) {
				throw new ModelException(folder + ": weight file " + w.file() + " unreadable: " + e.getMessage(), e);
			}
		}
		return all;
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

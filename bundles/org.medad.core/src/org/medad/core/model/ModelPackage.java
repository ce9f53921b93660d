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
	private final ModelManifest manifest;
	private final String manifestSha256;

	private ModelPackage(Path folder, ModelManifest manifest, String manifestSha256) {
		this.folder = folder;
		this.manifest = manifest;
		this.manifestSha256 = manifestSha256;
	}

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
		AtomicFiles.write(folder, tmp -> {
			Files.createDirectories(tmp);
			Path weightFile = tmp.resolve(WEIGHTS);
			Safetensors.write(weightFile, weights);
			var entry = new ModelManifest.WeightFile(WEIGHTS, Hashes.sha256(weightFile), Files.size(weightFile));
			Files.writeString(tmp.resolve(MANIFEST), GSON.toJson(manifest.withWeights(List.of(entry))) + "\n");
		});
		try {
			return read(folder);
		} catch (ModelException e) {
			throw new IOException("package just written to " + folder + " does not read back: " + e.getMessage(), e);
		}
	}

	public static ModelPackage read(Path folder) throws ModelException {
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
		return new ModelPackage(folder, manifest, Hashes.sha256(text));
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
				all.putAll(Safetensors.read(folder.resolve(w.file())));
			} catch (IOException e) {
				throw new ModelException(folder.resolve(w.file()) + ": unreadable: " + e.getMessage(), e);
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

package org.medad.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.medad.core.detect.TrainingCheckpoints;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.error.UsageException;
import org.medad.core.model.AtomicFiles;
import org.medad.core.model.Hashes;
import org.medad.core.model.ModelManifest;
import org.medad.core.model.ModelPackage;
import org.medad.core.model.Safetensors;
import org.medad.core.model.Tensor;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * Training checkpoints in one folder beside the model being trained ({@code MODEL.checkpoint}): a model package of
 * the last finished epoch (so it can be scored) plus {@code optimizer.safetensors} and {@code progress.json}, which
 * records the run it belongs to (detector, settings, seed, training files, slices) and the detector's counters. The
 * folder is replaced as a whole, so a crash leaves the previous checkpoint intact.
 */
public final class FolderCheckpoints implements TrainingCheckpoints {
	static final String OPTIMIZER = "optimizer.safetensors";
	static final String PROGRESS = "progress.json";

	private final Path folder;
	private final Map<String, Object> run;
	private final ModelManifest template;
	private final boolean resume;

	/**
	 * @param run      what identifies the run: a resumed run must match it key by key
	 * @param template manifest of the checkpoint packages (detector, settings, training data); preprocessing and
	 *                 epochs are filled in per checkpoint
	 */
	public FolderCheckpoints(Path folder, Map<String, Object> run, ModelManifest template, boolean resume) {
		this.folder = folder;
		this.run = run;
		this.template = template;
		this.resume = resume;
	}

	/** Where the checkpoints of a model written to {@code out} go. */
	public static Path beside(Path out) {
		String name = out.toAbsolutePath().normalize().getFileName().toString();
		if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
			name = name.substring(0, name.length() - 4);
		}
		return out.toAbsolutePath().normalize().resolveSibling(name + ".checkpoint");
	}

	public Path folder() {
		return folder;
	}

	/**
	 * Puts back a checkpoint caught in the middle of its replacement and removes what killed runs left beside it
	 * ({@link AtomicFiles#recover}). Returns whether one was put back.
	 */
	public static boolean recover(Path folder) throws IOException {
		return AtomicFiles.recover(folder);
	}

	@Override
	public Optional<Checkpoint> resume() throws MedadException {
		if (!resume) {
			return Optional.empty();
		}
		Map<String, Object> record = readProgress();
		Object saved = record.get("run");
		if (!(saved instanceof Map<?, ?> savedRun)) {
			throw new ModelException(folder.resolve(PROGRESS) + ": no run record");
		}
		for (Map.Entry<String, Object> e : run.entrySet()) {
			String now = normalised(e.getValue());
			String then = normalised(savedRun.get(e.getKey()));
			if (!now.equals(then)) {
				throw new UsageException("cannot resume from " + folder + ": it belongs to a run with a different "
						+ e.getKey() + " (checkpoint " + compact(then) + ", now " + compact(now) + ")");
			}
		}
		ModelPackage pkg = ModelPackage.read(folder);
		Path optimizer = folder.resolve(OPTIMIZER);
		try {
			if (!Hashes.sha256(optimizer).equals(record.get("optimizerSha256"))) {
				throw new ModelException(optimizer + ": does not match the sha256 in " + PROGRESS + " (damaged?)");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> progress = (Map<String, Object>) record.get("progress");
			return Optional.of(new Checkpoint(pkg.tensors(), pkg.manifest().preprocessing(), Safetensors.read(optimizer),
					progress));
		} catch (NoSuchFileException e) {
			throw new ModelException(optimizer + ": missing; the checkpoint is incomplete");
		} catch (IOException e) {
			throw new ModelException(optimizer + ": unreadable: " + e.getMessage(), e);
		}
	}

	private Map<String, Object> readProgress() throws MedadException {
		Path file = folder.resolve(PROGRESS);
		if (!Files.isDirectory(folder)) {
			throw new UsageException("--resume: no checkpoint to resume from at " + folder);
		}
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> m = new Gson().fromJson(Files.readString(file), Map.class);
			if (m == null) {
				throw new ModelException(file + ": empty");
			}
			return m;
		} catch (NoSuchFileException e) {
			throw new ModelException(file + ": missing; " + folder + " is not a training checkpoint");
		} catch (IOException | JsonParseException e) {
			throw new ModelException(file + ": unreadable: " + e.getMessage(), e);
		}
	}

	@Override
	public void save(Checkpoint c) throws MedadException {
		Object epochs = c.progress().get("epochs");
		var t = template.training();
		var training = new ModelManifest.Training(t.files(), t.fileListSha256(), t.seed(),
				epochs instanceof Number n ? n.intValue() : 0, t.softwareVersion(), t.device(), t.seconds(),
				java.time.Instant.now().toString());
		var manifest = new ModelManifest(template.formatVersion(), template.detector(), template.settings(),
				c.preprocessing(), template.thresholds(), training, java.util.List.of(), template.references());
		try {
			ModelPackage.write(folder, manifest, c.weights(), tmp -> {
				Path optimizer = tmp.resolve(OPTIMIZER);
				Safetensors.write(optimizer, c.optimizer());
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("run", run);
				record.put("progress", c.progress());
				record.put("optimizerSha256", Hashes.sha256(optimizer));
				Files.writeString(tmp.resolve(PROGRESS), Json.of(record) + "\n");
			});
		} catch (IOException e) {
			throw new ModelException("could not write the training checkpoint " + folder + ": " + e.getMessage(), e);
		}
	}

	/** Removes the checkpoints once the finished model is safely written. */
	public void discard() throws IOException {
		AtomicFiles.deleteTree(folder);
	}

	/** As read back from JSON (numbers become doubles), so values compare the same before and after a save. */
	private static String normalised(Object value) {
		return Json.of(new Gson().fromJson(Json.of(value), Object.class));
	}

	private static String compact(String json) {
		String s = json.replaceAll("\\s+", " ");
		return s.length() > 200 ? s.substring(0, 200) + "..." : s;
	}
}

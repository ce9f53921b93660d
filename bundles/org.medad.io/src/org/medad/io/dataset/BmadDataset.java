package org.medad.io.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.medad.core.error.BadInputException;

/**
 * The BMAD benchmark layout: {@code train/good}, {@code valid/{good,Ungood}}, {@code test/{good,Ungood}},
 * images either directly in those folders or under {@code img/}, masks of anomalous images under
 * {@code label/} or {@code anomaly_mask/} with the image's file name (or the same stem).
 */
public final class BmadDataset implements LabelledData {
	public static final String LAYOUT = "BMAD layout: train/good/ (few-shot methods can do without) and valid/ or test/"
			+ " holding good/ and Ungood/, "
			+ "images directly there or in img/, masks in label/ or anomaly_mask/";
	private static final List<String> MASK_FOLDERS = List.of("label", "anomaly_mask");

	private final Path root;

	private BmadDataset(Path root) {
		this.root = root;
	}

	public static BmadDataset open(Path root) throws BadInputException {
		if (!Files.isDirectory(root)) {
			throw BadInputException.of(root, Files.exists(root) ? "is not a folder; expected a data set in the " + LAYOUT
					: "no such data folder; expected a data set in the " + LAYOUT);
		}
		if (!Files.isDirectory(root.resolve("train").resolve("good")) && !Files.isDirectory(root.resolve("valid"))
				&& !Files.isDirectory(root.resolve("test"))) {
			throw BadInputException.of(root, "not a data set in the " + LAYOUT + " (train/good/ is missing)");
		}
		return new BmadDataset(root);
	}

	public Path root() {
		return root;
	}

	@Override
	public String layout() {
		return "BMAD";
	}

	@Override
	public boolean hasSplit(String split) {
		return Files.isDirectory(root.resolve(split));
	}

	/** Every case of a split, normal ones first, each group sorted by file name. */
	@Override
	public List<Case> cases(String split) throws BadInputException {
		Path dir = root.resolve(split);
		if (!Files.isDirectory(dir)) {
			throw BadInputException.of(dir, "split '" + split + "' is missing from the data set (" + LAYOUT + ")");
		}
		List<Case> out = new ArrayList<>();
		out.addAll(group(dir.resolve("good"), false));
		out.addAll(group(dir.resolve("Ungood"), true));
		if (out.isEmpty()) {
			throw BadInputException.of(dir, "split '" + split + "' holds no images (looked in good/ and Ungood/)");
		}
		return out;
	}

	/** The normal training images. */
	@Override
	public List<Case> training() throws BadInputException {
		List<Case> normals = group(root.resolve("train").resolve("good"), false);
		if (normals.isEmpty()) {
			throw BadInputException.of(root.resolve("train").resolve("good"), "holds no training images");
		}
		return normals;
	}

	private List<Case> group(Path classDir, boolean anomalous) throws BadInputException {
		if (!Files.isDirectory(classDir)) {
			return List.of();
		}
		Path images = Files.isDirectory(classDir.resolve("img")) ? classDir.resolve("img") : classDir;
		Path masks = MASK_FOLDERS.stream().map(classDir::resolve).filter(Files::isDirectory).findFirst().orElse(null);
		Map<String, Path> maskByStem = masks == null ? Map.of() : byStem(list(masks));
		List<Case> out = new ArrayList<>();
		for (Path img : list(images)) {
			Path mask = null;
			if (masks != null) {
				mask = maskByStem.get(stem(img));
				if (mask == null && anomalous) {
					throw BadInputException.of(img, "has no mask in " + masks + " (expected a file named like the image)");
				}
			}
			out.add(new Case(root.relativize(img).toString(), img, anomalous, mask));
		}
		return out;
	}

	static List<Path> list(Path dir) throws BadInputException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isRegularFile).filter(BmadDataset::isImageName).sorted().toList();
		} catch (IOException e) {
			throw BadInputException.of(dir, "cannot list folder: " + e.getMessage(), e);
		}
	}

	private static boolean isImageName(Path p) {
		String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return !n.startsWith(".") && !n.endsWith(".txt") && !n.endsWith(".md") && !n.endsWith(".csv")
				&& !n.endsWith(".json");
	}

	private static Map<String, Path> byStem(List<Path> files) {
		Map<String, Path> m = new HashMap<>();
		for (Path f : files) {
			m.put(stem(f), f);
		}
		return m;
	}

	static String stem(Path p) {
		String n = p.getFileName().toString();
		if (n.endsWith(".nii.gz")) {
			return n.substring(0, n.length() - 7);
		}
		int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}
}

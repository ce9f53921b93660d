package org.medad.io.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.io.format.ImageFormats;

/**
 * Volumes with masks matched by name: {@code images/} (or {@code imagesTr/}, {@code img/}) beside
 * {@code masks/} (or {@code labelsTr/}, {@code labels/}, {@code label/}); a mask belongs to the image of
 * the same name, nnU-Net's channel suffix {@code _0000} ignored. A case is anomalous when its mask has a
 * non-zero voxel; cases without a mask are normal. One split ({@code test} or {@code all}); training uses the
 * normal cases, so evaluating on the same folder measures fit, not generalisation.
 */
public final class PairedFolders implements LabelledData {
	static final List<String> IMAGE_DIRS = List.of("images", "imagesTr", "img");
	static final List<String> MASK_DIRS = List.of("masks", "labelsTr", "labels", "label");

	private final Path root;
	private final ImageFormats formats;
	private List<Case> cases;

	private PairedFolders(Path root, ImageFormats formats) {
		this.root = root;
		this.formats = formats;
	}

	static boolean matches(Path root) {
		return IMAGE_DIRS.stream().anyMatch(d -> Files.isDirectory(root.resolve(d)))
				&& MASK_DIRS.stream().anyMatch(d -> Files.isDirectory(root.resolve(d)));
	}

	static PairedFolders open(Path root, ImageFormats formats) {
		return new PairedFolders(root, formats);
	}

	@Override
	public String layout() {
		return "images + masks matched by name";
	}

	/** One split, answering to "test" and "all"; there is no separate validation split to calibrate on. */
	@Override
	public boolean hasSplit(String split) {
		return split.equals("test") || split.equals("all");
	}

	@Override
	public List<Case> cases(String split) throws BadInputException {
		if (cases == null) {
			cases = load();
		}
		List<Case> out = new ArrayList<>(cases.stream().filter(c -> !c.anomalous()).toList());
		out.addAll(cases.stream().filter(Case::anomalous).toList());
		return out;
	}

	@Override
	public List<Case> training() throws BadInputException {
		List<Case> normal = cases("all").stream().filter(c -> !c.anomalous()).toList();
		if (normal.isEmpty()) {
			throw BadInputException.of(root, "has no normal case (every mask has a lesion) to train on");
		}
		return normal;
	}

	private List<Case> load() throws BadInputException {
		Path images = IMAGE_DIRS.stream().map(root::resolve).filter(Files::isDirectory).findFirst().orElseThrow();
		Path masks = MASK_DIRS.stream().map(root::resolve).filter(Files::isDirectory).findFirst().orElseThrow();
		Map<String, Path> maskByName = new HashMap<>();
		for (Path m : BmadDataset.list(masks)) {
			maskByName.put(key(m), m);
		}
		List<Case> out = new ArrayList<>();
		for (Path img : BmadDataset.list(images)) {
			Path mask = maskByName.get(key(img));
			boolean lesion = mask != null && hasLesion(mask);
			out.add(new Case(root.relativize(img).toString(), img, lesion, mask));
		}
		if (out.isEmpty()) {
			throw BadInputException.of(images, "holds no images");
		}
		return out;
	}

	private boolean hasLesion(Path mask) throws BadInputException {
		for (float v : Images.toArray(formats.read(mask).voxels())) {
			if (v != 0) {
				return true;
			}
		}
		return false;
	}

	/** The matching key: the stem without nnU-Net's modality suffix. */
	static String key(Path p) {
		return BmadDataset.stem(p).replaceFirst("_\\d{4}$", "");
	}
}

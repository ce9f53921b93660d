package org.medad.io.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.io.format.ImageFormats;

/** Recognises a data set's layout: BMAD, images + masks matched by name, or a plain folder of images. */
public final class Datasets {
	public static final String LAYOUTS = "BMAD layout (train/good, valid|test/{good,Ungood}), or images/ + masks/ "
			+ "matched by name (also imagesTr/ + labelsTr/), or a manifest CSV (path,label[,mask][,split])";

	private Datasets() {
	}

	public static LabelledData open(Path root, ImageFormats formats) throws BadInputException {
		if (Manifest.isManifest(root)) {
			return new ManifestDataset(root);
		}
		if (!Files.isDirectory(root)) {
			throw BadInputException.of(root, Files.exists(root) ? "is not a folder; expected a data set in the " + LAYOUTS
					: "no such data folder; expected a data set in the " + LAYOUTS);
		}
		// MVFA's data sets are BMAD without train/: valid/ and test/ alone
		if (Files.isDirectory(root.resolve("train").resolve("good")) || labelledSplit(root.resolve("valid"))
				|| labelledSplit(root.resolve("test"))) {
			return BmadDataset.open(root);
		}
		if (PairedFolders.matches(root)) {
			return PairedFolders.open(root, formats);
		}
		try (var s = Files.list(root)) {
			if (s.anyMatch(Files::isRegularFile)) {
				return new PlainFolder(root);
			}
		} catch (IOException e) {
			throw BadInputException.of(root, "cannot list folder: " + e.getMessage(), e);
		}
		throw BadInputException.of(root, "not a data set in a known layout: " + LAYOUTS + ", or a folder of images");
	}

	private static boolean labelledSplit(Path split) {
		return Files.isDirectory(split.resolve("good")) && Files.isDirectory(split.resolve("Ungood"));
	}

	/**
	 * Whether {@code dir} is the mask folder of a data-set layout (BMAD {@code label/} or {@code anomaly_mask/},
	 * paired {@code masks/}, {@code labelsTr/}, ...) beside images: scoring a folder tree skips it, masks are not cases.
	 */
	public static boolean isMaskFolder(Path dir) {
		String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
		if (!PairedFolders.MASK_DIRS.contains(name) && !name.equals("anomaly_mask")) {
			return false;
		}
		Path parent = dir.getParent();
		if (parent == null) {
			return false;
		}
		try (var s = Files.list(parent)) {
			return s.anyMatch(p -> !p.equals(dir) && (Files.isRegularFile(p) || PairedFolders.IMAGE_DIRS.contains(
					p.getFileName().toString())));
		} catch (IOException e) {
			return false;
		}
	}
}

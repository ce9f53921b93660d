package org.medad.phantom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.medad.core.error.CancelledException;
import org.medad.core.error.MedadException;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.write.PngFiles;

/**
 * Writes a deterministic synthetic data set in the BMAD layout: {@code train/good/img},
 * {@code valid/{good,Ungood}/img}, {@code test/{good,Ungood}/img}, masks in {@code .../Ungood/label}.
 * Every image derives from (seed, split, index) alone, so the same options give the same files.
 */
public record PhantomDataset(int size, int train, int validPerClass, int testPerClass, int maxLesions, long seed) {

	public static PhantomDataset defaults(long seed) {
		return new PhantomDataset(128, 200, 20, 50, 2, seed);
	}

	public PhantomDataset {
		if (train < 1 || validPerClass < 0 || testPerClass < 1 || maxLesions < 1) {
			throw new IllegalArgumentException("phantom needs >= 1 training and test image per class and >= 1 lesion");
		}
	}

	public int total() {
		return train + 2 * validPerClass + 2 * testPerClass;
	}

	/**
	 * Writes the data set at {@code root}, which must be absent, empty or an earlier phantom (replaced whole, and only
	 * once the new one is complete); anything else there is refused with a {@link BadInputException}.
	 */
	public void write(Path root, ProgressMonitor monitor) throws IOException, MedadException {
		String recipe = String.format(Locale.ROOT, "{\"kind\": \"slices\", \"size\": %d, \"train\": %d, \"validPerClass\": %d, "
				+ "\"testPerClass\": %d, \"maxLesions\": %d, \"seed\": %d}", size, train, validPerClass, testPerClass,
				maxLesions, seed);
		PhantomFolder.write(root, recipe, folder -> writeInto(folder, monitor));
	}

	private void writeInto(Path root, ProgressMonitor monitor) throws IOException, CancelledException {
		BrainPhantom phantom = new BrainPhantom(size);
		monitor.begin("Generating phantom data set", total());
		writeClass(phantom, root.resolve("train/good"), 1, train, false, monitor);
		writeClass(phantom, root.resolve("valid/good"), 2, validPerClass, false, monitor);
		writeClass(phantom, root.resolve("valid/Ungood"), 3, validPerClass, true, monitor);
		writeClass(phantom, root.resolve("test/good"), 4, testPerClass, false, monitor);
		writeClass(phantom, root.resolve("test/Ungood"), 5, testPerClass, true, monitor);
	}

	private void writeClass(BrainPhantom phantom, Path dir, int stream, int count, boolean lesions,
			ProgressMonitor monitor) throws IOException, CancelledException {
		if (count == 0) {
			return;
		}
		Files.createDirectories(dir.resolve("img"));
		if (lesions) {
			Files.createDirectories(dir.resolve("label"));
		}
		for (int i = 0; i < count; i++) {
			monitor.checkCancelled();
			long subject = seed * 1_000_003L + stream * 100_003L + i;
			BrainSlice s = lesions ? phantom.withLesions(subject, maxLesions) : phantom.normal(subject);
			String name = String.format(Locale.ROOT, "%05d.png", i);
			PngFiles.writeGrey(s.image(), size, size, dir.resolve("img").resolve(name));
			if (lesions) {
				float[] mask = s.mask().clone();
				for (int k = 0; k < mask.length; k++) {
					mask[k] *= 255;
				}
				PngFiles.writeGrey(mask, size, size, dir.resolve("label").resolve(name));
			}
			monitor.worked(1);
		}
	}
}

package org.medad.phantom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.core.error.CancelledException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.core.progress.ProgressMonitor;
import org.medad.io.format.ImageFormats;

/**
 * The phantom as 3D NIfTI volumes in the BMAD layout ({@code medad phantom --volumes}): each volume is one
 * subject, {@code depth} axial slices 3 mm apart (1 mm in plane, RAS, centred), with ellipsoidal lesions and
 * their mask volumes under {@code label/}. Deterministic in (seed, split, index).
 */
public record PhantomVolumes(int size, int depth, int train, int validPerClass, int testPerClass, int maxLesions,
		long seed) {

	public static PhantomVolumes defaults(long seed) {
		return new PhantomVolumes(128, 16, 40, 5, 10, 2, seed);
	}

	public PhantomVolumes {
		if (depth < 2 || train < 1 || testPerClass < 1 || validPerClass < 0 || maxLesions < 1) {
			throw new IllegalArgumentException("phantom volumes need depth >= 2, >= 1 training and test volume");
		}
	}

	public int total() {
		return train + 2 * validPerClass + 2 * testPerClass;
	}

	/** Writes the volumes at {@code root}, with the same rules as {@link PhantomDataset#write}. */
	public void write(Path root, ImageFormats formats, ProgressMonitor monitor) throws IOException, MedadException {
		String recipe = String.format(java.util.Locale.ROOT, "{\"kind\": \"volumes\", \"size\": %d, \"depth\": %d, "
				+ "\"train\": %d, \"validPerClass\": %d, \"testPerClass\": %d, \"maxLesions\": %d, \"seed\": %d}",
				size, depth, train, validPerClass, testPerClass, maxLesions, seed);
		PhantomFolder.write(root, recipe, folder -> writeInto(folder, formats, monitor));
	}

	private void writeInto(Path root, ImageFormats formats, ProgressMonitor monitor)
			throws IOException, BadInputException, CancelledException {
		BrainPhantom phantom = new BrainPhantom(size);
		monitor.begin("Generating phantom volumes", total());
		writeClass(phantom, formats, root.resolve("train/good"), 1, train, false, monitor);
		writeClass(phantom, formats, root.resolve("valid/good"), 2, validPerClass, false, monitor);
		writeClass(phantom, formats, root.resolve("valid/Ungood"), 3, validPerClass, true, monitor);
		writeClass(phantom, formats, root.resolve("test/good"), 4, testPerClass, false, monitor);
		writeClass(phantom, formats, root.resolve("test/Ungood"), 5, testPerClass, true, monitor);
	}

	private void writeClass(BrainPhantom phantom, ImageFormats formats, Path dir, int stream, int count,
			boolean lesions, ProgressMonitor monitor) throws IOException, BadInputException, CancelledException {
		Geometry g = new Geometry(new double[] { 1, 1, 3 },
				new double[] { -(size - 1) / 2.0, -(size - 1) / 2.0, -3 * (depth - 1) / 2.0 },
				new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, true);
		for (int i = 0; i < count; i++) {
			monitor.checkCancelled();
			long subject = seed * 1_000_003L + stream * 100_003L + i;
			int n = size * size;
			float[] image = new float[n * depth];
			float[] mask = new float[n * depth];
			for (int z = 0; z < depth; z++) {
				BrainSlice s = phantom.volumeSlice(subject, lesions ? maxLesions : 0, z, depth);
				System.arraycopy(s.image(), 0, image, z * n, n);
				System.arraycopy(s.mask(), 0, mask, z * n, n);
			}
			String name = String.format(Locale.ROOT, "%05d.nii.gz", i);
			formats.write(new Volume(name, Images.wrap(image, size, size, depth), g, "MR", Map.of()),
					dir.resolve("img").resolve(name));
			if (lesions) {
				formats.write(new Volume(name, Images.wrap(mask, size, size, depth), g, "SEG", Map.of()),
						dir.resolve("label").resolve(name));
			}
			monitor.worked(1);
		}
	}
}

package org.medad.detector.liverfreq.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Images;
import org.medad.core.image.Resample;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormats;

/**
 * Anomaly textures from a folder of images (the paper: brain-tumour MRI): every readable image, resized to the
 * network size, min-max scaled to [0, 1], then three of DRAEM's augmenters.
 */
public final class FolderSource implements AnomalySource {
	private final Path folder;
	private final List<float[]> images;
	private final List<int[]> sizes;

	private FolderSource(Path folder, List<float[]> images, List<int[]> sizes) {
		this.folder = folder;
		this.images = images;
		this.sizes = sizes;
	}

	public static FolderSource open(Path folder, ImageFormats formats) throws MedadException {
		List<float[]> images = new ArrayList<>();
		List<int[]> sizes = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> s = Files.walk(folder)) {
			files = s.filter(Files::isRegularFile).sorted().toList();
		} catch (IOException e) {
			throw BadInputException.of(folder, "cannot list the anomaly source folder: " + e.getMessage());
		}
		for (Path f : files) {
			try {
				Volume v = formats.readGrey(f);
				images.add(Images.toArray(v.voxels()));
				sizes.add(new int[] { v.width(), v.height() });
			} catch (MedadException | RuntimeException e) {
				// not an image: skipped; an empty result is the error below
			}
		}
		if (images.isEmpty()) {
			throw BadInputException.of(folder, "the anomaly source folder holds no readable images");
		}
		return new FolderSource(folder, images, sizes);
	}

	@Override
	public float[] next(int size, Random random) {
		int k = random.nextInt(images.size());
		float[] px = Resample.bilinear(images.get(k), sizes.get(k)[0], sizes.get(k)[1], size, size);
		float lo = Float.MAX_VALUE;
		float hi = -Float.MAX_VALUE;
		for (float v : px) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		for (int i = 0; i < px.length; i++) {
			px[i] = hi > lo ? (px[i] - lo) / (hi - lo) : 0;
		}
		return SourceAugment.apply(px, size, size, random);
	}

	@Override
	public String describe() {
		return images.size() + " images from " + folder;
	}
}

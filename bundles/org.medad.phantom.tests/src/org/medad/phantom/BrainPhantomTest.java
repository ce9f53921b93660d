package org.medad.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.progress.ProgressMonitor;

class BrainPhantomTest {
	private final BrainPhantom phantom = new BrainPhantom(96);

	@TempDir
	Path tmp;

	@Test
	void sameSeedSameSliceDifferentSeedDifferentSubject() {
		assertArrayEquals(phantom.normal(5).image(), phantom.normal(5).image());
		assertFalse(java.util.Arrays.equals(phantom.normal(5).image(), phantom.normal(6).image()));
	}

	@Test
	void normalSlicesHaveNoMaskLesionSlicesDo() {
		for (long s = 0; s < 20; s++) {
			assertFalse(phantom.normal(s).hasLesion());
			assertTrue(phantom.withLesions(s, 2).hasLesion(), "seed " + s);
		}
	}

	@Test
	void lesionsLieInsideTheHeadAndChangeTheImageThere() {
		for (long s = 0; s < 20; s++) {
			BrainSlice healthy = phantom.normal(s);
			BrainSlice sick = phantom.withLesions(s, 1);
			int inMask = 0;
			double change = 0;
			for (int i = 0; i < sick.mask().length; i++) {
				if (sick.mask()[i] != 0) {
					inMask++;
					change += Math.abs(sick.image()[i] - healthy.image()[i]);
					assertTrue(healthy.image()[i] > 10, "mask pixel " + i + " of seed " + s + " lies in the background");
				}
			}
			assertTrue(inMask >= 9, "lesion of seed " + s + " covers " + inMask + " pixels");
			assertTrue(change / inMask > 0.1 * 255 * 0.5, "lesion of seed " + s + " hardly changes the image");
		}
	}

	@Test
	void imagesLookLikeABrainSliceOnA255Scale() {
		float[] img = phantom.normal(1).image();
		float centre = img[48 * 96 + 30];
		float corner = img[0];
		assertTrue(corner < 20, "background is dark: " + corner);
		assertTrue(centre > 80, "brain is bright: " + centre);
		for (float v : img) {
			assertTrue(v >= 0 && v <= 255 && v == Math.rint(v));
		}
	}

	@Test
	void volumeSlicesShareASubjectAndLesionsSpanSeveralSlices() {
		int depth = 12;
		float[] mid = phantom.volumeSlice(3, 0, 6, depth).image();
		float[] top = phantom.volumeSlice(3, 0, 11, depth).image();
		assertArrayEquals(mid, phantom.volumeSlice(3, 0, 6, depth).image(), "deterministic");
		assertTrue(headWidth(top) < headWidth(mid), "the head narrows toward the top: " + headWidth(top) + " vs "
				+ headWidth(mid));
		int slicesWithLesion = 0;
		for (int z = 0; z < depth; z++) {
			slicesWithLesion += phantom.volumeSlice(5, 1, z, depth).hasLesion() ? 1 : 0;
		}
		assertTrue(slicesWithLesion >= 2 && slicesWithLesion < depth, "lesion spans " + slicesWithLesion + " slices");
	}

	private static int headWidth(float[] img) {
		int n = 96, row = 48, w = 0;
		for (int x = 0; x < n; x++) {
			w += img[row * n + x] > 20 ? 1 : 0;
		}
		return w;
	}

	@Test
	void datasetIsWrittenInTheBmadLayout() throws Exception {
		new PhantomDataset(40, 3, 2, 2, 1, 9).write(tmp, ProgressMonitor.NULL);
		for (String dir : new String[] { "train/good/img", "valid/good/img", "valid/Ungood/img", "valid/Ungood/label",
				"test/good/img", "test/Ungood/img", "test/Ungood/label" }) {
			assertTrue(Files.isDirectory(tmp.resolve(dir)), dir);
		}
		try (var s = Files.list(tmp.resolve("train/good/img"))) {
			assertEquals(3, s.count());
		}
		byte[] first = Files.readAllBytes(tmp.resolve("test/Ungood/img/00001.png"));
		new PhantomDataset(40, 3, 2, 2, 1, 9).write(tmp.resolve("again"), ProgressMonitor.NULL);
		assertArrayEquals(first, Files.readAllBytes(tmp.resolve("again/test/Ungood/img/00001.png")), "deterministic");
	}
}

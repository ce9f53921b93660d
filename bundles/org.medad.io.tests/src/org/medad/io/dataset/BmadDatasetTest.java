package org.medad.io.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;

class BmadDatasetTest {
	@TempDir
	Path root;

	private void touch(String... paths) throws Exception {
		for (String p : paths) {
			Files.createDirectories(root.resolve(p).getParent());
			Files.writeString(root.resolve(p), "x");
		}
	}

	@Test
	void layoutWithImgAndLabelFolders() throws Exception {
		touch("train/good/img/a.png", "train/good/img/b.png", "test/good/img/c.png", "test/Ungood/img/d.png",
				"test/Ungood/label/d.png");
		BmadDataset d = BmadDataset.open(root);
		assertEquals(List.of("train/good/img/a.png", "train/good/img/b.png"),
				d.training().stream().map(Case::id).toList());
		List<Case> test = d.cases("test");
		assertEquals(2, test.size());
		assertFalse(test.get(0).anomalous());
		assertTrue(test.get(1).anomalous());
		assertEquals(root.resolve("test/Ungood/label/d.png"), test.get(1).mask());
	}

	@Test
	void flatLayoutAnomalyMaskSpellingAndStemMatching() throws Exception {
		touch("train/good/a.png", "valid/good/b.png", "valid/Ungood/c.png", "valid/Ungood/anomaly_mask/c.tif");
		BmadDataset d = BmadDataset.open(root);
		assertEquals("train/good/a.png", d.training().get(0).id());
		Case c = d.cases("valid").get(1);
		assertEquals(root.resolve("valid/Ungood/anomaly_mask/c.tif"), c.mask());
		assertFalse(d.hasSplit("test"));
	}

	@Test
	void imageLevelLabelsOnlyHaveNoMasks() throws Exception {
		touch("train/good/a.png", "valid/good/b.png", "valid/Ungood/c.png");
		assertNull(BmadDataset.open(root).cases("valid").get(1).mask());
	}

	@Test
	void clearErrors() throws Exception {
		BadInputException missing = assertThrows(BadInputException.class, () -> BmadDataset.open(root.resolve("nope")));
		assertTrue(missing.getMessage().contains("nope") && missing.getMessage().contains("BMAD"), missing.getMessage());
		BadInputException notBmad = assertThrows(BadInputException.class, () -> BmadDataset.open(root));
		assertTrue(notBmad.getMessage().contains("train/good"), notBmad.getMessage());
		touch("train/good/a.png", "test/Ungood/img/d.png", "test/Ungood/label/other.png");
		BadInputException noMask = assertThrows(BadInputException.class, () -> BmadDataset.open(root).cases("test"));
		assertTrue(noMask.getMessage().contains("d.png") && noMask.getMessage().contains("no mask"), noMask.getMessage());
		assertThrows(BadInputException.class, () -> BmadDataset.open(root).cases("valid"));
		Files.createDirectories(root.resolve("valid/good"));
		BadInputException empty = assertThrows(BadInputException.class, () -> BmadDataset.open(root).cases("valid"));
		assertTrue(empty.getMessage().contains("no images"), empty.getMessage());
	}

	@Test
	void readsTheRealPneumoniaSubset() throws Exception {
		Path data = org.medad.io.TestData.dir().resolveSibling("datasets/pneumonia-mini");
		BmadDataset d = BmadDataset.open(data);
		assertEquals(1214, d.training().size());
		List<Case> valid = d.cases("valid");
		assertEquals(270, valid.size());
		assertEquals(135, valid.stream().filter(Case::anomalous).count());
		assertTrue(valid.stream().noneMatch(Case::hasMask));
	}
}

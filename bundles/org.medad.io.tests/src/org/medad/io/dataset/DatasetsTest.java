package org.medad.io.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.io.FormatServices;

class DatasetsTest {
	@TempDir
	Path root;

	@Test
	void layoutsAreRecognised() throws Exception {
		var formats = FormatServices.get();
		Files.createDirectories(root.resolve("bmad/train/good"));
		assertEquals("BMAD", Datasets.open(root.resolve("bmad"), formats).layout());
		Files.createDirectories(root.resolve("paired/images"));
		Files.createDirectories(root.resolve("paired/masks"));
		assertTrue(Datasets.open(root.resolve("paired"), formats).layout().contains("masks"));
		Files.createDirectories(root.resolve("plain"));
		Files.writeString(root.resolve("plain/a.nii.gz"), "x");
		LabelledData plain = Datasets.open(root.resolve("plain"), formats);
		assertEquals(1, plain.training().size());
		BadInputException noLabels = assertThrows(BadInputException.class, () -> plain.cases("test"));
		assertTrue(noLabels.getMessage().contains("without labels"), noLabels.getMessage());
	}

	@Test
	void emptyOrMissingFoldersNameTheLayouts() throws Exception {
		var formats = FormatServices.get();
		Files.createDirectories(root.resolve("empty"));
		BadInputException e = assertThrows(BadInputException.class, () -> Datasets.open(root.resolve("empty"), formats));
		assertTrue(e.getMessage().contains("BMAD") && e.getMessage().contains("masks/"), e.getMessage());
		assertThrows(BadInputException.class, () -> Datasets.open(root.resolve("nope"), formats));
	}

	@Test
	void nnUnetChannelSuffixIsIgnoredWhenMatching() {
		assertEquals("case7", PairedFolders.key(Path.of("case7_0000.nii.gz")));
		assertEquals("case7", PairedFolders.key(Path.of("case7.nii.gz")));
	}
}

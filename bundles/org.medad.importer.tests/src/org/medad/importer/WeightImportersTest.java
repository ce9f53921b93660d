package org.medad.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.medad.core.error.UsageException;
import org.medad.core.model.Tensor;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import ai.djl.ndarray.NDManager;

/** Importers are found as services: the four this bundle ships, and one a lab's bundle adds later. */
class WeightImportersTest {

	/** What a lab's bundle would register: keeps the weights as named. */
	private static final class LabImporter implements WeightImporter {
		@Override
		public String source() {
			return "lab-npz";
		}

		@Override
		public String summary() {
			return "a lab's own format";
		}

		@Override
		public Imported convert(NDManager m, Map<String, Tensor> stateDict, String arch, Consumer<String> log) {
			return Imported.of(source(), stateDict, "lab", Map.of(), List.of("kept as named"));
		}
	}

	@Test
	void theShippedImportersAreServicesAndALabCanAddOne() throws Exception {
		WeightImporters importers = ImporterTesting.service(WeightImporters.class);
		assertEquals(List.of("hf", "openai-clip", "timm"),
				importers.importers().stream().map(WeightImporter::source).toList());
		UsageException e = assertThrows(UsageException.class, () -> importers.require("lab-npz"));
		assertTrue(e.getMessage().contains("unknown --from lab-npz") && e.getMessage().contains("openai-clip"),
				e.getMessage());

		LabImporter lab = new LabImporter();
		ServiceRegistration<WeightImporter> reg = FrameworkUtil.getBundle(WeightImportersTest.class).getBundleContext()
				.registerService(WeightImporter.class, lab, null);
		try {
			assertSame(lab, importers.require("LAB-NPZ"), "found by its source name, any case");
			Imported r = importers.require("lab-npz").convert(null, Map.of("w", Tensor.of(new float[] { 2 }, 1)), null,
					s -> {
					});
			assertEquals("lab-npz", r.settings().get("from"));
			assertEquals(List.of("kept as named"), r.settings().get("steps"));
		} finally {
			reg.unregister();
		}
		assertFalse(importers.find("lab-npz").isPresent(), "gone with its service");
	}
}

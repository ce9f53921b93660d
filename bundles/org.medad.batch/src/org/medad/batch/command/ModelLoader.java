package org.medad.batch.command;

import java.nio.file.Path;

import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.model.ModelPackage;

/** Opens a model package and hands it to the detector service that wrote it. */
final class ModelLoader {
	private ModelLoader() {
	}

	record Loaded(ModelPackage pkg, TrainedModel model) {
	}

	static Loaded load(DetectorCatalog catalog, Path folder) throws MedadException {
		ModelPackage pkg = ModelPackage.read(folder);
		String id = pkg.manifest().detector().id();
		var detector = catalog.find(id).orElseThrow(() -> new ModelException(folder + ": made by detector '" + id
				+ "', which is not installed (installed: " + catalog.detectors().stream().map(d -> d.descriptor().id())
						.toList() + ")"));
		return new Loaded(pkg, detector.detector().load(pkg));
	}
}

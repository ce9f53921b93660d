package org.medad.run;

import java.nio.file.Path;

import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.PackageCheck;
import org.medad.core.detect.TrainedModel;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.model.ModelPackage;

/** Opens a model package, checks it against the detector service that wrote it and has that detector load it. */
public final class ModelLoader {
	private ModelLoader() {
	}

	public record Loaded(ModelPackage pkg, TrainedModel model) {
	}

	public static Loaded load(DetectorCatalog catalog, Path folder) throws MedadException {
		ModelPackage pkg = ModelPackage.read(folder);
		String id = pkg.manifest().detector().id();
		var detector = catalog.find(id).orElseThrow(() -> new ModelException(folder + ": made by detector '" + id
				+ "', which is not installed (installed: " + catalog.detectors().stream().map(d -> d.descriptor().id())
						.toList() + ")"));
		return new Loaded(pkg, PackageCheck.open(detector.detector(), pkg));
	}
}

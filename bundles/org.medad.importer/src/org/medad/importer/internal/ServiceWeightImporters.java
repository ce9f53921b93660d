package org.medad.importer.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.medad.importer.WeightImporter;
import org.medad.importer.WeightImporters;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Collects {@link WeightImporter} services as bundles come and go. */
@Component(service = WeightImporters.class)
public class ServiceWeightImporters implements WeightImporters {
	private final Set<WeightImporter> installed = ConcurrentHashMap.newKeySet();

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addImporter(WeightImporter importer) {
		installed.add(importer);
	}

	void removeImporter(WeightImporter importer) {
		installed.remove(importer);
	}

	@Override
	public List<WeightImporter> importers() {
		return installed.stream().sorted(Comparator.comparing(WeightImporter::source)).toList();
	}
}

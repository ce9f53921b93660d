package org.medad.core.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.medad.core.detect.AnomalyDetector;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.InstalledDetector;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Collects {@link AnomalyDetector} services as bundles come and go. */
@Component(service = DetectorCatalog.class)
public class ServiceDetectorCatalog implements DetectorCatalog {

	private final Map<AnomalyDetector, InstalledDetector> installed = new ConcurrentHashMap<>();

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addDetector(AnomalyDetector detector, ServiceReference<AnomalyDetector> ref) {
		Bundle b = ref.getBundle();
		installed.put(detector, new InstalledDetector(detector, b.getSymbolicName(), b.getVersion().toString()));
	}

	void removeDetector(AnomalyDetector detector) {
		installed.remove(detector);
	}

	@Override
	public List<InstalledDetector> detectors() {
		return installed.values().stream().sorted(Comparator.comparing(d -> d.descriptor().id())).toList();
	}
}

package org.medad.core.detect;

import java.util.List;
import java.util.Optional;

import org.medad.core.error.UsageException;

/** The detector services installed right now; tracks bundles arriving and leaving. */
public interface DetectorCatalog {

	/** Sorted by id. */
	List<InstalledDetector> detectors();

	default Optional<InstalledDetector> find(String id) {
		return detectors().stream().filter(d -> d.descriptor().id().equals(id)).findFirst();
	}

	default InstalledDetector require(String id) throws UsageException {
		return find(id).orElseThrow(() -> new UsageException("no detector '" + id + "' is installed; installed: "
				+ detectors().stream().map(d -> d.descriptor().id()).toList()));
	}
}

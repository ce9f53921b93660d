package org.medad.importer;

import java.util.List;
import java.util.Optional;

import org.medad.core.error.UsageException;

/** The weight importers installed right now, by source name; tracks bundles arriving and leaving. */
public interface WeightImporters {

	/** Sorted by source name. */
	List<WeightImporter> importers();

	default Optional<WeightImporter> find(String source) {
		return importers().stream().filter(i -> i.source().equalsIgnoreCase(source)).findFirst();
	}

	default WeightImporter require(String source) throws UsageException {
		return find(source).orElseThrow(() -> new UsageException("unknown --from " + source + ": installed importers are "
				+ String.join(", ", importers().stream().map(WeightImporter::source).toList())));
	}

	/** A fixed set, for use without an OSGi framework. */
	static WeightImporters of(List<WeightImporter> importers) {
		List<WeightImporter> sorted = importers.stream()
				.sorted(java.util.Comparator.comparing(WeightImporter::source)).toList();
		return () -> sorted;
	}
}

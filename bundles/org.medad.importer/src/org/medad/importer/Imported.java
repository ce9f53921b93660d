package org.medad.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.model.Tensor;

/**
 * Imported weights under the product's names, the settings a package records for them (kind, source,
 * architecture, its configuration, the steps taken) and those steps for the user.
 */
public record Imported(Map<String, Tensor> weights, Map<String, Object> settings, List<String> steps) {

	public Imported {
		steps = List.copyOf(steps);
	}

	/** The record every importer writes: the package's settings name the source, architecture and steps. */
	public static Imported of(String source, Map<String, Tensor> weights, String architecture, Object config,
			List<String> steps) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("kind", "foundation");
		settings.put("from", source);
		settings.put("architecture", architecture);
		settings.put("config", config);
		settings.put("steps", List.copyOf(steps));
		return new Imported(weights, settings, steps);
	}

	public String architecture() {
		return String.valueOf(settings.get("architecture"));
	}
}

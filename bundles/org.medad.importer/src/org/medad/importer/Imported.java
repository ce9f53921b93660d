package org.medad.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.model.Tensor;

/**
 * Imported weights under the product's names, the settings a package records for them and the steps taken. Most
 * imports are foundation weights ({@code detector} null: settings name kind, source, architecture, its
 * configuration, the steps) that a detector's training builds on; a method's own trained checkpoint is a model
 * package of that detector ({@code detector} its id, {@code settings} that detector's settings), scored as it is.
 */
public record Imported(Map<String, Tensor> weights, Map<String, Object> settings, List<String> steps,
		String detector) {

	public Imported {
		steps = List.copyOf(steps);
	}

	public Imported(Map<String, Tensor> weights, Map<String, Object> settings, List<String> steps) {
		this(weights, settings, steps, null);
	}

	/** The record every foundation importer writes: the package's settings name the source, architecture and steps. */
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

	/** A trained model of {@code detector} with its settings (coerced by that detector's schema when written). */
	public static Imported model(String detector, Map<String, Tensor> weights, Map<String, Object> settings,
			List<String> steps) {
		return new Imported(weights, settings, steps, detector);
	}

	/** The architecture for the summary: a foundation's, or the detector's id. */
	public String architecture() {
		return detector != null ? detector : String.valueOf(settings.get("architecture"));
	}
}

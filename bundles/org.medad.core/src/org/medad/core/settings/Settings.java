package org.medad.core.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validated setting values of one run, every key present (defaults included), in schema order. */
public record Settings(Map<String, Object> values) {

	public Settings {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	public int getInt(String key) {
		return ((Number) get(key)).intValue();
	}

	public double getDouble(String key) {
		return ((Number) get(key)).doubleValue();
	}

	public boolean getBoolean(String key) {
		return (Boolean) get(key);
	}

	public String getString(String key) {
		return String.valueOf(get(key));
	}

	private Object get(String key) {
		Object v = values.get(key);
		if (v == null) {
			throw new IllegalArgumentException("no setting '" + key + "'");
		}
		return v;
	}
}

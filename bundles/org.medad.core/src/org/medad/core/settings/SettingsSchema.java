package org.medad.core.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.medad.core.error.UsageException;

/** Every setting a detector declares, in display order. */
public record SettingsSchema(List<SettingSpec> specs) {

	public SettingsSchema {
		specs = List.copyOf(specs);
	}

	public static SettingsSchema of(SettingSpec... specs) {
		return new SettingsSchema(List.of(specs));
	}

	public Optional<SettingSpec> find(String key) {
		return specs.stream().filter(s -> s.key().equals(key)).findFirst();
	}

	public Settings defaults() {
		Map<String, Object> values = new LinkedHashMap<>();
		for (SettingSpec s : specs) {
			values.put(s.key(), s.defaultValue());
		}
		return new Settings(values);
	}

	/** Defaults overridden by {@code key=value} texts; unknown keys and bad values are usage errors. */
	public Settings parse(Map<String, String> overrides) throws UsageException {
		Map<String, Object> values = new LinkedHashMap<>(defaults().values());
		for (Map.Entry<String, String> e : overrides.entrySet()) {
			values.put(e.getKey(), require(e.getKey()).parse(e.getValue()));
		}
		return new Settings(values);
	}

	/** Settings read back from a model package: typed values, validated, missing ones defaulted. */
	public Settings coerce(Map<String, ?> saved) throws UsageException {
		Map<String, Object> values = new LinkedHashMap<>(defaults().values());
		for (Map.Entry<String, ?> e : saved.entrySet()) {
			values.put(e.getKey(), require(e.getKey()).coerce(e.getValue()));
		}
		return new Settings(values);
	}

	private SettingSpec require(String key) throws UsageException {
		return find(key).orElseThrow(() -> new UsageException("unknown setting '" + key + "'; known: "
				+ specs.stream().map(SettingSpec::key).toList()));
	}
}

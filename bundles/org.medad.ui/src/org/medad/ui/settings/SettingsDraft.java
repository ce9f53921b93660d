package org.medad.ui.settings;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.medad.core.error.UsageException;
import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.Settings;
import org.medad.core.settings.SettingsSchema;

/**
 * What a settings form holds while the user types: one text per declared setting, each checked by its
 * {@link SettingSpec} as the command line checks {@code --set key=value}, so that a value the run would refuse is
 * marked before it starts. Only values that differ from the defaults are handed to the run (and recorded as such).
 */
public final class SettingsDraft {
	private final SettingsSchema schema;
	private final Map<String, String> texts = new LinkedHashMap<>();

	public SettingsDraft(SettingsSchema schema) {
		this.schema = schema;
		restoreDefaults();
	}

	public SettingsSchema schema() {
		return schema;
	}

	public void restoreDefaults() {
		for (SettingSpec s : schema.specs()) {
			texts.put(s.key(), asText(s.defaultValue()));
		}
	}

	/** Takes the values a model was trained with (its model.json settings); keys this detector lacks are ignored. */
	public void apply(Map<String, ?> values) {
		for (var e : values.entrySet()) {
			if (texts.containsKey(e.getKey()) && e.getValue() != null) {
				texts.put(e.getKey(), asText(e.getValue()));
			}
		}
	}

	public void set(String key, String text) {
		if (!texts.containsKey(key)) {
			throw new IllegalArgumentException("no setting '" + key + "' in this detector");
		}
		texts.put(key, text);
	}

	public String text(String key) {
		return texts.get(key);
	}

	/** Why the current text of {@code key} would be refused, or empty when it is valid. */
	public Optional<String> problem(String key) {
		SettingSpec spec = schema.find(key).orElseThrow();
		try {
			spec.parse(texts.get(key));
			return Optional.empty();
		} catch (UsageException e) {
			return Optional.of(e.getMessage());
		}
	}

	/** Every invalid setting with its reason, in the schema's order. */
	public Map<String, String> problems() {
		Map<String, String> p = new LinkedHashMap<>();
		for (String key : texts.keySet()) {
			problem(key).ifPresent(m -> p.put(key, m));
		}
		return p;
	}

	public boolean valid() {
		return problems().isEmpty();
	}

	/** The {@code --set} overrides: settings whose parsed value differs from the default. */
	public Map<String, String> overrides() throws UsageException {
		Map<String, String> o = new LinkedHashMap<>();
		Settings defaults = schema.defaults();
		for (SettingSpec s : schema.specs()) {
			Object value = s.parse(texts.get(s.key()));
			if (!value.equals(defaults.values().get(s.key()))) {
				o.put(s.key(), texts.get(s.key()).trim());
			}
		}
		return o;
	}

	/** A value as the form shows it: numbers without a trailing ".0" or an exponent where plain digits are short. */
	static String asText(Object value) {
		if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			if (!Double.isFinite(d)) {
				return Double.toString(d);
			}
			BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
			String plain = b.toPlainString();
			return plain.length() <= 10 ? plain : b.toString();
		}
		return String.valueOf(value);
	}
}

package org.medad.core.settings;

import java.util.List;
import java.util.Locale;

import org.medad.core.error.UsageException;

/**
 * One declared setting of a detector: what {@code medad train --set key=value} accepts and what the
 * workbench's settings form shows. {@code min}/{@code max} bound numbers (inclusive, null = open);
 * {@code choices} lists the allowed values of a {@link SettingType#CHOICE} and, for a {@link SettingType#PATH},
 * holds its kind ("file", "folder" or "any").
 */
public record SettingSpec(String key, SettingType type, Object defaultValue, Double min, Double max,
		List<String> choices, String description) {

	public SettingSpec {
		choices = choices == null ? List.of() : List.copyOf(choices);
	}

	public static SettingSpec integer(String key, int defaultValue, int min, int max, String description) {
		return new SettingSpec(key, SettingType.INTEGER, defaultValue, (double) min, (double) max, null, description);
	}

	public static SettingSpec real(String key, double defaultValue, double min, double max, String description) {
		return new SettingSpec(key, SettingType.REAL, defaultValue, min, max, null, description);
	}

	public static SettingSpec bool(String key, boolean defaultValue, String description) {
		return new SettingSpec(key, SettingType.BOOLEAN, defaultValue, null, null, null, description);
	}

	public static SettingSpec text(String key, String defaultValue, String description) {
		return new SettingSpec(key, SettingType.TEXT, defaultValue, null, null, null, description);
	}

	public static SettingSpec choice(String key, String defaultValue, List<String> choices, String description) {
		return new SettingSpec(key, SettingType.CHOICE, defaultValue, null, null, choices, description);
	}

	/** A file or folder ({@code kind} "file", "folder" or "any"), checked to exist when given; "" = none. */
	public static SettingSpec path(String key, String kind, String description) {
		return new SettingSpec(key, SettingType.PATH, "", null, null, List.of(kind), description);
	}

	/** "lower,upper" within [min, max], lower below upper; "" = none. */
	public static SettingSpec interval(String key, double min, double max, String description) {
		return new SettingSpec(key, SettingType.INTERVAL, "", min, max, null, description);
	}

	/** Parses and validates a value given as text (command line, saved JSON). */
	public Object parse(String text) throws UsageException {
		String t = text.trim();
		try {
			return switch (type) {
			case INTEGER -> checkRange(Integer.parseInt(t));
			case REAL -> checkRange(Double.parseDouble(t));
			case BOOLEAN -> parseBoolean(t);
			case TEXT -> t;
			case CHOICE -> parseChoice(t);
			case PATH -> parsePath(t);
			case INTERVAL -> parseInterval(t);
			};
		} catch (NumberFormatException e) {
			throw new UsageException("setting '" + key + "': '" + text + "' is not " + describeType());
		}
	}

	/** Validates a value already typed (e.g. read back from model.json as a JSON number). */
	public Object coerce(Object value) throws UsageException {
		if (value instanceof Number n) {
			if (type == SettingType.INTEGER) {
				if (n.doubleValue() != Math.rint(n.doubleValue())) {
					throw new UsageException("setting '" + key + "': " + n + " is not " + describeType());
				}
				return checkRange(n.intValue());
			}
			if (type == SettingType.REAL) {
				return checkRange(n.doubleValue());
			}
		}
		if (value instanceof Boolean b && type == SettingType.BOOLEAN) {
			return b;
		}
		if (type == SettingType.PATH) {
			// read back from a package: the path was checked when the model was trained and may not exist here
			return String.valueOf(value).trim();
		}
		return parse(String.valueOf(value));
	}

	private Boolean parseBoolean(String t) throws UsageException {
		return switch (t.toLowerCase(Locale.ROOT)) {
		case "true", "yes", "on", "1" -> Boolean.TRUE;
		case "false", "no", "off", "0" -> Boolean.FALSE;
		default -> throw new UsageException("setting '" + key + "': '" + t + "' is not true or false");
		};
	}

	private String parsePath(String t) throws UsageException {
		if (t.isEmpty()) {
			return t;
		}
		java.nio.file.Path p;
		try {
			p = java.nio.file.Path.of(t);
		} catch (java.nio.file.InvalidPathException e) {
			throw new UsageException("setting '" + key + "': '" + t + "' is not a path");
		}
		String kind = choices.isEmpty() ? "any" : choices.get(0);
		boolean ok = switch (kind) {
		case "file" -> java.nio.file.Files.isRegularFile(p);
		case "folder" -> java.nio.file.Files.isDirectory(p);
		default -> java.nio.file.Files.exists(p);
		};
		if (!ok) {
			throw new UsageException("setting '" + key + "': " + t + " is not an existing "
					+ (kind.equals("any") ? "file or folder" : kind));
		}
		return t;
	}

	private String parseInterval(String t) throws UsageException {
		if (t.isEmpty()) {
			return t;
		}
		String[] parts = t.split(",");
		double lower;
		double upper;
		try {
			if (parts.length != 2) {
				throw new NumberFormatException();
			}
			lower = Double.parseDouble(parts[0].trim());
			upper = Double.parseDouble(parts[1].trim());
		} catch (NumberFormatException e) {
			throw new UsageException("setting '" + key + "': '" + t + "' is not 'lower,upper', e.g. -200,250");
		}
		if (!(lower < upper) || (min != null && lower < min) || (max != null && upper > max)) {
			throw new UsageException("setting '" + key + "': " + t + " is not lower,upper with lower < upper, both in ["
					+ min + ", " + max + "]");
		}
		return parts[0].trim() + "," + parts[1].trim();
	}

	private String parseChoice(String t) throws UsageException {
		if (!choices.contains(t)) {
			throw new UsageException("setting '" + key + "': '" + t + "' is not one of " + choices);
		}
		return t;
	}

	private <N extends Number> N checkRange(N value) throws UsageException {
		double v = value.doubleValue();
		if (Double.isNaN(v) || (min != null && v < min) || (max != null && v > max)) {
			throw new UsageException("setting '" + key + "': " + value + " is outside " + describeRange());
		}
		return value;
	}

	/** Human-readable range or choices, as shown in usage and forms. */
	public String describeRange() {
		return switch (type) {
		case INTEGER -> "[" + min.intValue() + ", " + max.intValue() + "]";
		case REAL -> "[" + min + ", " + max + "]";
		case BOOLEAN -> "true|false";
		case CHOICE -> String.join("|", choices);
		case TEXT -> "text";
		case PATH -> "existing " + (choices.isEmpty() ? "any" : choices.get(0));
		case INTERVAL -> "lower,upper in [" + min + ", " + max + "]";
		};
	}

	private String describeType() {
		return switch (type) {
		case INTEGER -> "an integer";
		case REAL -> "a number";
		case BOOLEAN -> "true or false";
		case CHOICE -> "one of " + choices;
		case TEXT -> "text";
		case PATH -> "a path";
		case INTERVAL -> "an interval 'lower,upper'";
		};
	}
}

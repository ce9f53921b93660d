package org.medad.batch.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.medad.core.error.UsageException;

/** Parsed options of one command: {@code --name value} (repeatable), {@code --flag}, and positionals. */
public final class Args {
	private final Map<String, List<String>> values = new LinkedHashMap<>();
	private final List<String> flags = new ArrayList<>();
	private final List<String> positional = new ArrayList<>();

	private Args() {
	}

	public static Args parse(List<String> argv, Set<String> valued, Set<String> flagNames) throws UsageException {
		Args a = new Args();
		for (int i = 0; i < argv.size(); i++) {
			String s = argv.get(i);
			if (s.equals("--help") || s.equals("-h")) {
				a.flags.add("--help");
			} else if (s.startsWith("--")) {
				String name = s;
				String value = null;
				int eq = s.indexOf('=');
				if (eq > 0) {
					name = s.substring(0, eq);
					value = s.substring(eq + 1);
				}
				if (flagNames.contains(name) && value == null) {
					a.flags.add(name);
				} else if (valued.contains(name)) {
					if (value == null) {
						if (i + 1 >= argv.size()) {
							throw new UsageException("option " + name + " needs a value");
						}
						value = argv.get(++i);
					}
					a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
				} else {
					throw new UsageException("unknown option " + name);
				}
			} else {
				a.positional.add(s);
			}
		}
		return a;
	}

	public boolean flag(String name) {
		return flags.contains(name);
	}

	public String get(String name, String fallback) {
		List<String> v = values.get(name);
		return v == null ? fallback : v.get(v.size() - 1);
	}

	public String require(String name) throws UsageException {
		String v = get(name, null);
		if (v == null) {
			throw new UsageException("option " + name + " is required");
		}
		return v;
	}

	public List<String> all(String name) {
		return values.getOrDefault(name, List.of());
	}

	public int intValue(String name, int fallback, int min) throws UsageException {
		String v = get(name, null);
		if (v == null) {
			return fallback;
		}
		try {
			int n = Integer.parseInt(v.trim());
			if (n < min) {
				throw new UsageException("option " + name + " must be at least " + min + ", got " + n);
			}
			return n;
		} catch (NumberFormatException e) {
			throw new UsageException("option " + name + " needs an integer, got '" + v + "'");
		}
	}

	public long longValue(String name, long fallback) throws UsageException {
		String v = get(name, null);
		try {
			return v == null ? fallback : Long.parseLong(v.trim());
		} catch (NumberFormatException e) {
			throw new UsageException("option " + name + " needs an integer, got '" + v + "'");
		}
	}

	public double doubleValue(String name, double fallback) throws UsageException {
		String v = get(name, null);
		try {
			double d = v == null ? fallback : Double.parseDouble(v.trim());
			if (!Double.isFinite(d)) {
				throw new NumberFormatException();
			}
			return d;
		} catch (NumberFormatException e) {
			throw new UsageException("option " + name + " needs a number, got '" + v + "'");
		}
	}

	public List<String> positional() {
		return positional;
	}

	/** {@code --set key=value} options as a map, in order. */
	public Map<String, String> settings() throws UsageException {
		Map<String, String> m = new LinkedHashMap<>();
		for (String kv : all("--set")) {
			int eq = kv.indexOf('=');
			if (eq <= 0) {
				throw new UsageException("--set needs key=value, got '" + kv + "'");
			}
			m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
		}
		return m;
	}
}

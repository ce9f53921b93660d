package org.medad.batch.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.DetectorDescriptor;
import org.medad.core.detect.InstalledDetector;
import org.medad.core.settings.SettingSpec;

/** {@code medad detectors [--json] [--settings]}: the installed detector services. */
public final class DetectorsCommand implements Command {
	private final DetectorCatalog catalog;

	public DetectorsCommand(DetectorCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public String name() {
		return "detectors";
	}

	@Override
	public String summary() {
		return "list the installed detectors";
	}

	@Override
	public String usage() {
		return """
				medad detectors [--json] [--settings]
				  --json       machine-readable: id, name, version, bundle, learnsFrom, input
				  --settings   also list each detector's settings (type, default, range, description)""";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of();
	}

	@Override
	public Set<String> flags() {
		return Set.of("--json", "--settings");
	}

	@Override
	public int run(Args args, Console console) {
		List<InstalledDetector> all = catalog.detectors();
		if (args.flag("--json")) {
			console.json(all.stream().map(d -> describe(d, args.flag("--settings"))).toList());
			return 0;
		}
		if (all.isEmpty()) {
			console.out().println("no detectors installed");
		}
		for (InstalledDetector d : all) {
			DetectorDescriptor s = d.descriptor();
			console.out().printf("%-12s %-32s %-8s learns from %-9s input %s %dpx %s  (%s %s)%n", s.id(), s.name(),
					s.version(), s.learnsFrom().label(), s.input().plane(), s.input().size(),
					s.input().channels().label(), d.bundle(), d.bundleVersion());
			if (args.flag("--settings")) {
				for (SettingSpec spec : d.detector().settingsSchema().specs()) {
					console.out().printf("    %-14s %-8s default %-10s %-16s %s%n", spec.key(),
							spec.type().name().toLowerCase(), spec.defaultValue(), spec.describeRange(), spec.description());
				}
			}
		}
		return 0;
	}

	private static Map<String, Object> describe(InstalledDetector d, boolean withSettings) {
		DetectorDescriptor s = d.descriptor();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", s.id());
		m.put("name", s.name());
		m.put("version", s.version());
		m.put("bundle", d.bundle());
		m.put("bundleVersion", d.bundleVersion());
		m.put("learnsFrom", s.learnsFrom().label());
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("plane", s.input().plane());
		input.put("size", s.input().size());
		input.put("channels", s.input().channels().label());
		input.put("steps", s.input().steps());
		m.put("input", input);
		m.put("description", s.description());
		if (!d.detector().quickSettings().isEmpty()) {
			m.put("quickSettings", new java.util.TreeMap<>(d.detector().quickSettings()));
		}
		if (withSettings) {
			m.put("settings", d.detector().settingsSchema().specs().stream().map(DetectorsCommand::setting).toList());
		}
		return m;
	}

	private static Map<String, Object> setting(SettingSpec s) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", s.key());
		m.put("type", s.type().name().toLowerCase());
		m.put("default", s.defaultValue());
		m.put("min", s.min());
		m.put("max", s.max());
		m.put("choices", s.choices());
		m.put("description", s.description());
		return m;
	}
}

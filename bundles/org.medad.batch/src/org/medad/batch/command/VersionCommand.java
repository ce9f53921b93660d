package org.medad.batch.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.medad.batch.cli.Args;
import org.medad.batch.cli.Command;
import org.medad.batch.cli.Console;
import org.medad.run.SoftwareVersion;

/** {@code medad version [--json]}. */
public final class VersionCommand implements Command {

	@Override
	public String name() {
		return "version";
	}

	@Override
	public String summary() {
		return "print the version of medad and its runtime";
	}

	@Override
	public String usage() {
		return "medad version [--json]";
	}

	@Override
	public Set<String> valuedOptions() {
		return Set.of();
	}

	@Override
	public int run(Args args, Console console) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("medad", SoftwareVersion.get());
		v.put("java", Runtime.version().toString());
		v.put("javaVendor", System.getProperty("java.vendor"));
		v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
		if (args.flag("--json")) {
			console.json(v);
		} else {
			console.out().println("medad " + v.get("medad") + " (Java " + v.get("java") + ", " + v.get("os") + ")");
		}
		return 0;
	}
}

package org.medad.batch.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.batch.command.BenchCommand;
import org.medad.batch.command.ComputeCommand;
import org.medad.batch.command.ConvertCommand;
import org.medad.batch.command.DemoCommand;
import org.medad.batch.command.InspectCommand;
import org.medad.batch.command.ModelsCommand;
import org.medad.batch.command.DetectorsCommand;
import org.medad.batch.command.EvaluateCommand;
import org.medad.batch.command.PhantomCommand;
import org.medad.batch.command.ScoreCommand;
import org.medad.batch.command.TrainCommand;
import org.medad.batch.command.VersionCommand;
import org.medad.compute.ComputeService;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.error.MedadException;
import org.medad.core.error.UsageException;
import org.medad.importer.WeightImporters;
import org.medad.io.format.ImageFormats;
import org.medad.run.Workflows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code medad} command line as a DS component: it reaches detectors and image formats only
 * through their services. Exit codes: 0 ok, 1 internal error, 2 usage, 3 bad input, 4 model problem.
 */
@Component(service = CommandLine.class)
public class CommandLine {
	private final Map<String, Command> commands = new LinkedHashMap<>();

	@Activate
	public CommandLine(@Reference DetectorCatalog catalog, @Reference ImageFormats formats,
			@Reference ComputeService compute, @Reference WeightImporters importers, @Reference Workflows workflows) {
		for (Command c : List.of(new VersionCommand(), new DetectorsCommand(catalog), new ComputeCommand(compute), new InspectCommand(formats),
				new ConvertCommand(formats), new PhantomCommand(formats),
				new TrainCommand(catalog, workflows, compute), new ScoreCommand(catalog, workflows, compute),
				new EvaluateCommand(catalog, workflows, compute), new DemoCommand(catalog, workflows), new ModelsCommand(compute, catalog, importers), new BenchCommand(formats, compute, catalog))) {
			commands.put(c.name(), c);
		}
	}

	public int execute(String[] argv, PrintStream out, PrintStream err) {
		Console console = new Console(out, err);
		if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
			if (argv.length > 1 && commands.containsKey(argv[1])) {
				out.println(commands.get(argv[1]).usage());
			} else {
				out.print(overview());
			}
			return argv.length == 0 ? 2 : 0;
		}
		Command command = commands.get(argv[0]);
		if (command == null) {
			err.println("medad: unknown command '" + argv[0] + "'");
			err.print(overview());
			return 2;
		}
		try {
			Args args = Args.parse(Arrays.asList(argv).subList(1, argv.length), command.valuedOptions(), command.flags());
			if (args.flag("--help")) {
				out.println(command.usage());
				return 0;
			}
			return command.run(args, console);
		} catch (UsageException e) {
			err.println("medad " + command.name() + ": " + e.getMessage());
			err.println("usage: " + command.usage());
			return 2;
		} catch (MedadException e) {
			err.println("medad " + command.name() + ": " + e.getMessage());
			return e.exitCode();
		} catch (Exception | Error e) {
			err.println("medad " + command.name() + ": internal error: " + e);
			e.printStackTrace(err);
			return 1;
		}
	}

	String overview() {
		StringBuilder b = new StringBuilder("usage: medad COMMAND [OPTIONS]   (medad COMMAND --help for its options)\n\n");
		b.append(String.format("  %-10s %s%n", "help", "this overview; help COMMAND for one command"));
		commands.values().forEach(c -> b.append(String.format("  %-10s %s%n", c.name(), c.summary())));
		b.append("\nexit codes: 0 ok, 1 internal error, 2 usage, 3 bad input, 4 model problem\n");
		return b.toString();
	}
}

package org.medad.batch.command;

import org.medad.batch.cli.Args;
import org.medad.compute.ComputeService;
import org.medad.core.error.MedadException;

/**
 * The {@code --device D} option of train, score and evaluate: makes D the compute service's preferred device, which
 * the neural detectors use. Without it nothing is touched (the engine is not even started for detectors that do not
 * need it), and detectors get {@code auto}.
 */
final class DeviceOption {
	static final String USAGE = "  --device D      auto, cpu or gpu:N, optionally ,fp16 (default auto; medad compute shows the choice)";

	private DeviceOption() {
	}

	static void apply(Args args, ComputeService compute) throws MedadException {
		String device = args.get("--device", null);
		if (device != null) {
			compute.prefer(device);
		}
	}
}

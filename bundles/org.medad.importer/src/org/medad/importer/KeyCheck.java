package org.medad.importer;

import java.util.Map;

import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;
import org.medad.nn.Module;
import org.medad.nn.checkpoint.KeyReport;
import org.medad.nn.checkpoint.StateDicts;

/** Every key and shape of converted weights against the architecture they are for. */
public final class KeyCheck {
	private KeyCheck() {
	}

	/**
	 * @param label the key prefix the weights go under in the package ({@code "visual."}), for the message
	 * @throws ModelException listing missing, unexpected and mis-shaped keys
	 */
	public static void against(Module model, Map<String, Tensor> weights, String label) throws ModelException {
		KeyReport report = StateDicts.compare(model, weights);
		if (!report.clean()) {
			throw new ModelException("the checkpoint does not fit the architecture" + (label.isEmpty() ? "" : " (" + label
					+ "*)") + ":\n" + report.describe(25));
		}
	}
}

package org.medad.importer;

import java.util.Map;
import java.util.function.Consumer;

import org.medad.core.error.MedadException;
import org.medad.core.model.Tensor;

import ai.djl.ndarray.NDManager;

/**
 * Turns foundation weights in one source format (timm, Hugging Face, OpenAI CLIP, a method's own checkpoint) into
 * the names and sizes of an architecture the product builds, checking every key and shape against it. Registered as
 * a DS service; {@code medad models import --from SOURCE} finds it by {@link #source()}, so a lab adds a format by
 * installing a bundle that registers one.
 */
public interface WeightImporter {

	/** The {@code --from} name: lower case, no spaces ({@code timm}, {@code qfae-pth}). */
	String source();

	/** One line for the usage text: what the source is and the architectures {@code --arch} may name. */
	String summary();

	/**
	 * Converts a state dict (already unwrapped from {@code {"model": ...}} wrappers) onto the architecture {@code arch}
	 * (a name, a JSON file of sizes, or null for the importer's default). A checkpoint that does not fit is a
	 * {@link org.medad.core.error.ModelException} listing missing, unexpected and mis-shaped keys.
	 *
	 * @param m   where to build the architecture the keys are checked against
	 * @param log warnings for the user (the steps taken go into the result)
	 */
	Imported convert(NDManager m, Map<String, Tensor> stateDict, String arch, Consumer<String> log)
			throws MedadException;
}

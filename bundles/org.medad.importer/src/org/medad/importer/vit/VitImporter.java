package org.medad.importer.vit;

import java.util.Map;
import java.util.function.Consumer;

import org.medad.core.error.MedadException;
import org.medad.core.model.Tensor;
import org.medad.importer.Imported;
import org.medad.importer.WeightImporter;

import ai.djl.ndarray.NDManager;

/** A ViT source format: the two differ only in whether the keys are taken as Hugging Face's from the start. */
abstract class VitImporter implements WeightImporter {
	private final String source;
	private final String what;
	private final boolean hf;

	VitImporter(String source, String what, boolean hf) {
		this.source = source;
		this.what = what;
		this.hf = hf;
	}

	@Override
	public String source() {
		return source;
	}

	@Override
	public String summary() {
		return what + "; --arch " + VitWeights.architectures();
	}

	@Override
	public Imported convert(NDManager m, Map<String, Tensor> stateDict, String arch, Consumer<String> log)
			throws MedadException {
		return VitWeights.convert(source, m, stateDict, arch, hf, log);
	}
}

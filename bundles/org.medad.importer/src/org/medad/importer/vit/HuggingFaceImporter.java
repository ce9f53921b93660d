package org.medad.importer.vit;

import org.medad.importer.WeightImporter;
import org.osgi.service.component.annotations.Component;

/** Hugging Face transformers ViT checkpoints (Dinov2Model, ViTMAEModel), renamed to timm's keys. */
@Component(service = WeightImporter.class)
public class HuggingFaceImporter extends VitImporter {

	public HuggingFaceImporter() {
		super("hf", "Hugging Face ViT weights (Dinov2, ViTMAE)", true);
	}
}

package org.medad.importer.vit;

import org.medad.importer.WeightImporter;
import org.osgi.service.component.annotations.Component;

/** timm ViT checkpoints (DINOv2, MAE, ...); Meta's DINOv2 and Hugging Face layouts are recognised too. */
@Component(service = WeightImporter.class)
public class TimmImporter extends VitImporter {

	public TimmImporter() {
		super("timm", "timm ViT weights (Meta DINOv2 and Hugging Face layouts recognised)", false);
	}
}

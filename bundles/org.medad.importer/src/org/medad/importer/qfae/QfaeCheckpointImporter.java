package org.medad.importer.qfae;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.medad.core.error.MedadException;
import org.medad.core.model.Tensor;
import org.medad.importer.Imported;
import org.medad.importer.KeyCheck;
import org.medad.importer.WeightImporter;
import org.medad.nn.checkpoint.Architectures;
import org.osgi.service.component.annotations.Component;

import ai.djl.ndarray.NDManager;

/** The official QFAE code's {@code last_ckpt.pth}, checked key by key against {@link QfaeLayout}; kept as named. */
@Component(service = WeightImporter.class)
public class QfaeCheckpointImporter implements WeightImporter {

	@Override
	public String source() {
		return "qfae-pth";
	}

	@Override
	public String summary() {
		return "QFAE's last_ckpt.pth; --arch qfae (published sizes, default) or a JSON file of QfaeLayout.Sizes";
	}

	@Override
	public Imported convert(NDManager m, Map<String, Tensor> sd, String arch, Consumer<String> log)
			throws MedadException {
		QfaeLayout.Sizes sizes = arch == null || arch.equals("qfae") ? QfaeLayout.published()
				: Architectures.json(Path.of(arch), QfaeLayout.Sizes.class);
		KeyCheck.against(new QfaeLayout(m, sizes), sd, "");
		return Imported.of(source(), sd, "qfae", sizes, List.of());
	}
}
